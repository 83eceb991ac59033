// Bench section `county`: every command and every API route at county scale on PostgreSQL.
//
// A throwaway database on TEST_PG_URL is migrated and filled with SQL (generate_series,
// not through the app): 1 county, 20 townships, 300 villages, 10,000 people (each a
// record and a bound WeChat account), 321 cadres, 400 liaison groups, 1,000,000 archived
// messages, 50,000 feedback items, 200,000 check-ins, 2,000 schedules with about two
// years of weekly firings each, 90,000 sent outbox messages. Then the real app starts on
// it (Wechaty on the mock puppet, HTTP on loopback with an API token) and each command is
// said in a group (or privately) by someone whose role may use it, one at a time, timed
// from the delivery to the bot's onHandled; each API route is fetched the same way.
// With BENCH_COUNTY_DOUBLE=1 the history is then doubled (a second batch of
// messages, feedback, check-ins, firings and sent outbox rows) and everything is
// measured again: the figures should not move.
//
// Settings: BENCH_COUNTY_SAMPLES (measured per row, default 200), BENCH_COUNTY_WARMUP
// (default 10), BENCH_COUNTY_DOUBLE ("1" for the second pass), BENCH_COUNTY_KEEP ("1" keeps
// the database and logs its URL).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startApp, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/core/logger.ts";
import type { ChatMessage } from "../src/core/chat-message.ts";
import { MockWorld } from "../src/channels/wechaty/mock-world.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { createPostgresDatabase, postgresUnreachable } from "../test/support/databases.ts";
import type { BenchSection, SectionResult } from "./sections.ts";

const SAMPLES = positive("BENCH_COUNTY_SAMPLES", 200);
const WARMUP = positive("BENCH_COUNTY_WARMUP", 10);
const DOUBLE = process.env.BENCH_COUNTY_DOUBLE === "1";
/** Keep the database (its URL is logged) to look into a slow query afterwards. */
const KEEP = process.env.BENCH_COUNTY_KEEP === "1";
const GOAL_MS = 20;
export const TOKEN = "county-bench-token-0123456789abcdef";

function positive(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

// ---------------------------------------------------------------- the county

export const COUNTY = { townships: 20, villagesPerTownship: 15, people: 10_000, groups: 400 } as const;
/** History per batch; a second batch doubles it. */
const HISTORY = { messages: 1_000_000, feedback: 50_000, checkins: 200_000, schedules: 2_000, firingsPerSchedule: 104, sentOutbox: 90_000 } as const;

const TOWNSHIP_STEMS = ["青山", "白水", "溪口", "桃源", "石门", "龙泉", "金田", "柳塘", "梅岭", "竹林", "长乐", "安平", "新桥", "黄土", "红星", "东风", "南湖", "北山", "西河", "中和"];
const VILLAGE_STEMS = ["东", "西", "南", "北", "中", "上", "下", "前", "后", "新", "老", "大", "小", "高", "石"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "晓东", "海燕", "建国", "红梅", "志强"];
const SAYINGS = ["收到", "好的，谢谢书记", "今天回村里看了看，路修得不错", "明天上午九点村委会见", "照片我发到群相册里了", "今年的春茶长势挺好的", "我在镇上办事，下午回来", "👍"];
const FEEDBACK_TEXTS = ["村口路灯坏了一个月了，晚上出行不方便", "建议村里搞电商直播卖茶叶", "希望能组织一次电商培训", "灌溉水渠堵了，需要清理", "建议把闲置老房子改成民宿"];

const BOT = { wxid: "wxid_county_bot", name: "苗圃助手" };
/** Who speaks in the bench: one of each role, in village 1 of township 1. */
export const WHO = {
  guest: "wxid_guest_1",
  newcomer: "wxid_newcomer_1",
  reserve: "wxid_r_1",
  villageCadre: "wxid_vc_1",
  organiser: "wxid_to_1",
  countyAdmin: "wxid_ca",
} as const;
const VILLAGE_ROOM = "county-room-v001@chatroom";
const TOWNSHIP_ROOM = "county-room-t01@chatroom";

const roomOf = { village: (v: number) => `county-room-v${String(v).padStart(3, "0")}@chatroom`, township: (t: number) => `county-room-t${String(t).padStart(2, "0")}@chatroom`, extra: (v: number) => `county-room-x${String(v).padStart(3, "0")}@chatroom` };

/** The areas, people, cadres and groups: small, once. */
async function seedCounty(c: pg.Client): Promise<void> {
  const { townships, villagesPerTownship, people } = COUNTY;
  await c.query(`INSERT INTO "Area" (name, level, path) VALUES ('青溪县', 'county', 'pending:county')`);
  await c.query(`UPDATE "Area" SET path = '/' || id || '/' WHERE level = 'county'`);
  await c.query(
    `INSERT INTO "Area" (name, level, "parentId", path)
     SELECT s || '镇', 'township', (SELECT id FROM "Area" WHERE level = 'county'), 'pending:t' || n
       FROM unnest($1::text[]) WITH ORDINALITY AS u(s, n)`,
    [TOWNSHIP_STEMS.slice(0, townships)],
  );
  await c.query(`UPDATE "Area" a SET path = p.path || a.id || '/' FROM "Area" p WHERE a."parentId" = p.id AND a.level = 'township'`);
  // Village v (1-based) lies in township ceil(v / villagesPerTownship).
  await c.query(
    `INSERT INTO "Area" (name, level, "parentId", path)
     SELECT t.name_stem || v.stem || '村', 'village', t.id, 'pending:v' || t.n || '-' || v.k
       FROM (SELECT id, left(name, -1) AS name_stem, row_number() OVER (ORDER BY id) AS n FROM "Area" WHERE level = 'township') t
       CROSS JOIN unnest($1::text[]) WITH ORDINALITY AS v(stem, k)
      ORDER BY t.n, v.k`,
    [VILLAGE_STEMS.slice(0, villagesPerTownship)],
  );
  await c.query(`UPDATE "Area" a SET path = p.path || a.id || '/' FROM "Area" p WHERE a."parentId" = p.id AND a.level = 'village'`);
  await c.query(`CREATE TABLE bench_village AS SELECT id, path, "parentId" AS township, row_number() OVER (ORDER BY id)::int AS v FROM "Area" WHERE level = 'village'`);
  await c.query(`CREATE TABLE bench_township AS SELECT id, path, row_number() OVER (ORDER BY id)::int AS t FROM "Area" WHERE level = 'township'`);
  // Person i lives in village ((i - 1) % 300) + 1.
  const villages = townships * villagesPerTownship;
  await c.query(
    `INSERT INTO "Candidate" (name, gender, "birthYear", phone, education, "politicalStatus", category, source, stage, "villageId", specialties, "updatedAt")
     SELECT ($2::text[])[1 + i % array_length($2::text[], 1)] || ($3::text[])[1 + (i / 20) % array_length($3::text[], 1)],
            (CASE WHEN i % 2 = 0 THEN 'male' ELSE 'female' END)::"Gender", 1975 + i % 30, '138' || lpad(i::text, 8, '0'),
            '大学本科', '中共党员', (ARRAY['business_leader','returning_entrepreneur','graduate','veteran','other'])[1 + i % 5]::"CandidateCategory",
            'party_recommendation', (ARRAY['prospect','trainee','reserve','exited'])[1 + i % 4]::"CandidateStage",
            bv.id, '茶叶种植', now()
       FROM generate_series(1, $1::int) AS i JOIN bench_village bv ON bv.v = (i - 1) % ${villages} + 1
      ORDER BY i`,
    [people, SURNAMES, GIVEN],
  );
  await c.query(`CREATE TABLE bench_person AS SELECT id AS candidate, row_number() OVER (ORDER BY id)::int AS i, "villageId" AS village FROM "Candidate"`);
  await c.query(
    `INSERT INTO "ChatMember" (channel, "externalId", "displayName", role, "candidateId", "updatedAt")
     SELECT 'wechat', 'wxid_r_' || p.i, c.name, 'reserve', c.id, now() FROM bench_person p JOIN "Candidate" c ON c.id = p.candidate ORDER BY p.i`,
  );
  await c.query(
    `INSERT INTO "ChatMember" (channel, "externalId", "displayName", role, "areaId", "updatedAt")
     SELECT 'wechat', 'wxid_vc_' || v, '村干部' || v, 'village_cadre'::"MemberRole", id, now() FROM bench_village
     UNION ALL SELECT 'wechat', 'wxid_to_' || t, '组织委员' || t, 'township_organiser'::"MemberRole", id, now() FROM bench_township
     UNION ALL SELECT 'wechat', 'wxid_ca', '县委组织部', 'county_admin'::"MemberRole", id, now() FROM "Area" WHERE level = 'county'`,
  );
  // 400 groups: one per township, one per village, a second (youth) group in the first 80 villages.
  await c.query(
    `INSERT INTO "LiaisonGroup" (channel, "externalId", topic, "areaId")
     SELECT 'wechat', 'county-room-t' || lpad(t::text, 2, '0') || '@chatroom', '乡镇联络群' || t, id FROM bench_township
     UNION ALL SELECT 'wechat', 'county-room-v' || lpad(v::text, 3, '0') || '@chatroom', '村联络群' || v, id FROM bench_village
     UNION ALL SELECT 'wechat', 'county-room-x' || lpad(v::text, 3, '0') || '@chatroom', '青年群' || v, id FROM bench_village WHERE v <= $1`,
    [COUNTY.groups - townships - villages],
  );
  await c.query(`CREATE TABLE bench_group AS SELECT g.id, g."externalId", g."areaId", row_number() OVER (ORDER BY g.id)::int AS gn FROM "LiaisonGroup" g`);
  await c.query(
    `CREATE TABLE bench_who AS
     SELECT p.i, p.candidate, m.id AS member, p.village, (SELECT min(g.id) FROM "LiaisonGroup" g WHERE g."areaId" = p.village) AS grp
       FROM bench_person p JOIN "ChatMember" m ON m."candidateId" = p.candidate`,
  );
  await c.query(`CREATE UNIQUE INDEX ON bench_who (i)`);
  // 2,000 schedules: 4 per group (1,600), 1 per village (300), 5 per township (100).
  await c.query(
    `INSERT INTO "Schedule" (kind, "groupId", "areaId", cron, "timeLabel", topic, template, "nextFiringAt", "lastFiringAt", "lastOutcome", "createdAt")
     SELECT k::"ReminderKind", g, a, '0 20 * * ' || (1 + n % 7), '每周' || (1 + n % 7) || ' 20:00', '学习' || n, '【{群名}】{日期} {时间} 提醒：{主题}',
            now() + interval '3 days', now() - interval '4 days', 'sent', now() - interval '2 years'
       FROM (SELECT (ARRAY['online_study','three_meetings','party_day','training','other'])[1 + n % 5] AS k, g, a, n FROM (
               SELECT id AS g, NULL::int AS a, gn * 4 + r AS n FROM bench_group CROSS JOIN generate_series(0, 3) AS r
               UNION ALL SELECT NULL, id, 2000 + v FROM bench_village
               UNION ALL SELECT NULL, id, 3000 + t * 5 + r FROM bench_township CROSS JOIN generate_series(0, 4) AS r) s) x`,
  );
  // Codes the newcomer redeems, one per sample.
  await c.query(
    `INSERT INTO "BindCode" (code, "candidateId", role, "expiresAt")
     SELECT lpad(n::text, 6, '0'), n + 100, 'reserve', now() + interval '7 days' FROM generate_series(1, 2000) AS n`,
  );
}

/**
 * One batch of history, `batch` 0 or 1: batch 1 lies in the two years before batch 0,
 * so "the latest" stays the same rows while the tables double.
 */
async function seedHistory(c: pg.Client, batch: number, log: (msg: string) => void): Promise<void> {
  const h = HISTORY;
  const people = COUNTY.people;
  const shift = `interval '${batch * 730} days'`;
  const step = async (what: string, sqlText: string, params: unknown[] = []) => {
    const t = performance.now();
    await c.query(sqlText, params);
    log(`  ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  // Bulk loads go several times faster into bare tables: drop the secondary indexes,
  // load, and build them again (the primary keys stay; ids only grow).
  const indexes = (await c.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1) AND indexname NOT LIKE '%\\_pkey'`,
    [["ArchivedMessage", "FeedbackItem", "StudyCheckin", "JobRun", "OutboxMessage"]],
  )).rows;
  await c.query(`SET maintenance_work_mem = '256MB'`);
  for (const i of indexes) await c.query(`DROP INDEX "${i.indexname}"`);
  await step(`${h.messages.toLocaleString("en")} archived messages`,
    `INSERT INTO "ArchivedMessage" (channel, "externalId", "groupId", "memberId", "candidateId", kind, text, "sentAt", "receivedAt")
     SELECT 'wechat', 'seed-' || $1::int || '-' || n, w.grp, w.member, w.candidate, 'text', ($3::text[])[1 + n % array_length($3::text[], 1)],
            now() - ${shift} - n * interval '63 seconds', now() - ${shift} - n * interval '63 seconds'
       FROM generate_series(1, $2::int) AS n JOIN bench_who w ON w.i = (n::bigint * 7919) % ${people} + 1`,
    [batch, h.messages, SAYINGS]);
  await step(`${h.feedback.toLocaleString("en")} feedback items`,
    `INSERT INTO "FeedbackItem" (kind, topic, status, text, "detectedBy", "candidateId", "authorId", "groupId", "areaId", response, "respondedAt", "createdAt")
     SELECT (CASE WHEN n % 3 = 0 THEN 'idea' ELSE 'feedback' END)::"FeedbackKind",
            (ARRAY['industry','governance','difficulty','thinking','study','other'])[1 + n % 6]::"FeedbackTopic",
            (CASE WHEN n % 10 < 3 THEN 'open' WHEN n % 10 < 7 THEN 'answered' ELSE 'closed' END)::"FeedbackStatus",
            ($2::text[])[1 + n % array_length($2::text[], 1)], 'rule', w.candidate, w.member, w.grp, w.village,
            CASE WHEN n % 10 >= 3 THEN '已转交村委会处理' END, CASE WHEN n % 10 >= 3 THEN now() - ${shift} - n * interval '20 minutes' END,
            now() - ${shift} - n * interval '21 minutes'
       FROM generate_series(1, $1::int) AS n JOIN bench_who w ON w.i = (n::bigint * 37) % ${people} + 1`,
    [h.feedback, FEEDBACK_TEXTS]);
  await step(`${h.checkins.toLocaleString("en")} check-ins`,
    `INSERT INTO "StudyCheckin" ("memberId", "candidateId", "groupId", platform, content, minutes, at)
     SELECT w.member, w.candidate, w.grp, '学习强国', '理论学习', 30, now() - ${shift} - n * interval '315 seconds'
       FROM generate_series(1, $1::int) AS n JOIN bench_who w ON w.i = (n::bigint * 13) % ${people} + 1`,
    [h.checkins]);
  await step(`${(h.schedules * h.firingsPerSchedule).toLocaleString("en")} firings`,
    `INSERT INTO "JobRun" (job, slot, outcome, detail, instance, at)
     SELECT 'schedule:' || s.id, date_trunc('minute', now()) - ${shift} - k * interval '7 days' - s.id * interval '1 minute', 'done', '{"lateMs": 40}', 'county-a',
            date_trunc('minute', now()) - ${shift} - k * interval '7 days'
       FROM "Schedule" s CROSS JOIN generate_series(1, $1::int) AS k`,
    [h.firingsPerSchedule]);
  await step(`${h.sentOutbox.toLocaleString("en")} sent outbox messages`,
    `INSERT INTO "OutboxMessage" (key, channel, conversation, "isGroup", text, purpose, status, attempts, "nextAttemptAt", "handedAt", "sentAt", "createdAt")
     SELECT 'seed:' || $1::int || ':' || n, 'wechat', g."externalId", true, '【联络群】今晚20:00 在线学习提醒', 'reminder', 'sent', 1,
            now() - ${shift} - n * interval '12 minutes', now() - ${shift} - n * interval '12 minutes', now() - ${shift} - n * interval '12 minutes',
            now() - ${shift} - n * interval '12 minutes'
       FROM generate_series(1, $2::int) AS n JOIN bench_group g ON g.gn = n % ${COUNTY.groups} + 1`,
    [batch, h.sentOutbox]);
  await step(`${indexes.length} indexes rebuilt`, indexes.map((i) => i.indexdef).join(";\n"));
  const t = performance.now();
  await c.query("VACUUM ANALYZE");
  log(`  VACUUM ANALYZE in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- what is measured

interface Row {
  label: string;
  /** SQL statements per call (median): round trips, which a busy machine makes costly. */
  stmts: number;
  /** CPU of this Node process per call (user + system), median ms: steadier than wall time on a busy machine. */
  cpu: number;
  /** Role of the speaker, for the table. */
  role: string;
  p50: number;
  p95: number;
  p99: number;
}

interface Known {
  villageName: string;
  township: number;
  village: number;
  /** A person of village 1 (the cadre's), and any person. */
  villageCandidates: number[];
  anyCandidates: number[];
  /** Feedback items: of village 1 not closed, and elsewhere not closed. */
  villageItems: number[];
  otherItems: number[];
  groupSchedule: number;
}

export async function known(c: pg.Client): Promise<Known> {
  const one = async <T>(q: string): Promise<T> => (await c.query(q)).rows[0] as T;
  const ids = async (q: string) => (await c.query<{ id: number }>(q)).rows.map((r) => r.id);
  const v = await one<{ id: number; name: string; township: number }>(`SELECT a.id, a.name, a."parentId" AS township FROM bench_village b JOIN "Area" a ON a.id = b.id WHERE b.v = 1`);
  return {
    villageName: v.name,
    village: v.id,
    township: v.township,
    villageCandidates: await ids(`SELECT candidate AS id FROM bench_person WHERE village = ${v.id} ORDER BY i LIMIT 200`),
    anyCandidates: await ids(`SELECT candidate AS id FROM bench_person ORDER BY (i * 7919) % 10007 LIMIT 200`),
    villageItems: await ids(`SELECT id FROM "FeedbackItem" WHERE "areaId" = ${v.id} AND status <> 'closed' ORDER BY id DESC LIMIT 400`),
    otherItems: await ids(`SELECT id FROM "FeedbackItem" WHERE "areaId" <> ${v.id} AND status <> 'closed' ORDER BY id DESC LIMIT ${2 * (SAMPLES + WARMUP)}`),
    groupSchedule: (await ids(`SELECT s.id FROM "Schedule" s JOIN "LiaisonGroup" g ON g.id = s."groupId" WHERE g."externalId" = '${VILLAGE_ROOM}' ORDER BY s.id LIMIT 1`))[0]!,
  };
}

interface CommandCase {
  label: string;
  role: string;
  who: string;
  /** A group, or "" for a private message. */
  room: string;
  /** The i-th text; `lastReply` is the bot's answer to the one before. */
  text: (i: number, lastReply: string) => string;
}

export function commandCases(k: Known): CommandCase[] {
  const at = <T>(xs: T[], i: number) => xs[i % xs.length]!;
  const vr = VILLAGE_ROOM;
  return [
    { label: "(plain message, filed)", role: "reserve", who: WHO.reserve, room: vr, text: (i) => SAYINGS[i % SAYINGS.length]! },
    { label: "/帮助", role: "guest", who: WHO.guest, room: vr, text: () => "/帮助" },
    { label: "/帮助", role: "county admin", who: WHO.countyAdmin, room: TOWNSHIP_ROOM, text: () => "/帮助" },
    { label: "/档案 (own)", role: "reserve", who: WHO.reserve, room: vr, text: () => "/档案" },
    { label: "/档案 #id", role: "village cadre", who: WHO.villageCadre, room: vr, text: (i) => `/档案 #${at(k.villageCandidates, i)}` },
    { label: "/档案 #id", role: "county admin", who: WHO.countyAdmin, room: "", text: (i) => `/档案 #${at(k.anyCandidates, i)}` },
    { label: "/名册", role: "village cadre", who: WHO.villageCadre, room: vr, text: () => "/名册" },
    { label: "/名册", role: "organiser", who: WHO.organiser, room: TOWNSHIP_ROOM, text: () => "/名册" },
    { label: "/名册", role: "county admin", who: WHO.countyAdmin, room: "", text: () => "/名册" },
    { label: "/提醒 (group's list)", role: "reserve", who: WHO.reserve, room: vr, text: () => "/提醒" },
    { label: "/提醒 (township's list)", role: "organiser", who: WHO.organiser, room: "", text: () => "/提醒" },
    { label: "/提醒 (county's list)", role: "county admin", who: WHO.countyAdmin, room: "", text: () => "/提醒" },
    // Each one added is deleted by the next: the group's list keeps its length from pass to pass.
    {
      label: "/提醒 新增|删除", role: "village cadre", who: WHO.villageCadre, room: vr,
      text: (_i, lastReply) => {
        const added = /^已设好提醒 #(\d+)/.exec(lastReply)?.[1];
        return added ? `/提醒 删除 #${added}` : "/提醒 新增 在线学习 每天 20:00";
      },
    },
    { label: "/提醒 暂停|恢复", role: "village cadre", who: WHO.villageCadre, room: vr, text: (i) => `/提醒 ${i % 2 ? "恢复" : "暂停"} #${k.groupSchedule}` },
    { label: "/待办", role: "village cadre", who: WHO.villageCadre, room: vr, text: () => "/待办" },
    { label: "/待办", role: "organiser", who: WHO.organiser, room: TOWNSHIP_ROOM, text: () => "/待办" },
    { label: "/待办", role: "county admin", who: WHO.countyAdmin, room: "", text: () => "/待办" },
    { label: "/打卡", role: "reserve", who: WHO.reserve, room: vr, text: () => "/打卡 学习强国 党史学习 30分钟" },
    { label: "/反馈", role: "reserve", who: WHO.reserve, room: vr, text: (i) => `/反馈 村口路灯坏了${i}天了` },
    { label: "/建议", role: "reserve", who: WHO.reserve, room: vr, text: (i) => `/建议 组织第${i}期电商直播培训` },
    { label: "/回复 #id", role: "village cadre", who: WHO.villageCadre, room: vr, text: (i) => `/回复 #${at(k.villageItems, i)} 已联系供电所，本周内修好` },
    { label: "/关闭 #id", role: "county admin", who: WHO.countyAdmin, room: "", text: (i) => `/关闭 #${at(k.otherItems, i)} 已解决` },
    { label: "/外发", role: "organiser", who: WHO.organiser, room: TOWNSHIP_ROOM, text: () => "/外发" },
    { label: "/登记", role: "village cadre", who: WHO.villageCadre, room: vr, text: (i) => `/登记 测试${i}号 村=${k.villageName} 类别=大学毕业生 电话=139${String(i).padStart(8, "0")}` },
    { label: "/绑定码 #id", role: "village cadre", who: WHO.villageCadre, room: "", text: (i) => `/绑定码 #${at(k.villageCandidates, i)}` },
    { label: "/绑定 code", role: "guest", who: WHO.newcomer, room: vr, text: (i) => `/绑定 ${String(1 + i).padStart(6, "0")}` },
    { label: "/绑定群", role: "village cadre", who: WHO.villageCadre, room: vr, text: () => "/绑定群" },
  ];
}

export function routeCases(k: Known): { label: string; url: (i: number) => string }[] {
  const at = <T>(xs: T[], i: number) => xs[i % xs.length]!;
  return [
    { label: "GET /health", url: () => "/health" },
    { label: "GET /api/areas", url: () => "/api/areas" },
    { label: "GET /api/candidates", url: () => "/api/candidates" },
    { label: "GET /api/candidates?page=20", url: () => "/api/candidates?page=20" },
    { label: "GET /api/candidates?area=township&q=", url: () => `/api/candidates?area=${k.township}&q=${encodeURIComponent("王")}` },
    { label: "GET /api/candidates/:id", url: (i) => `/api/candidates/${at(k.anyCandidates, i)}` },
    { label: "GET /api/feedback", url: () => "/api/feedback" },
    { label: "GET /api/feedback?status=open&page=5", url: () => "/api/feedback?status=open&page=5" },
    { label: "GET /api/feedback?area=village", url: () => `/api/feedback?area=${k.village}` },
    { label: "GET /api/feedback?candidate=", url: (i) => `/api/feedback?candidate=${at(k.anyCandidates, i)}` },
    { label: "GET /api/checkins", url: () => "/api/checkins" },
    { label: "GET /api/checkins?area=township", url: () => `/api/checkins?area=${k.township}` },
    { label: "GET /api/checkins?candidate=", url: (i) => `/api/checkins?candidate=${at(k.anyCandidates, i)}` },
    { label: "GET /api/schedules", url: () => "/api/schedules" },
    { label: "GET /api/schedules?area=township", url: () => `/api/schedules?area=${k.township}` },
    { label: "GET /api/outbox", url: () => "/api/outbox" },
    { label: "GET /api/outbox?status=sent", url: () => "/api/outbox?status=sent" },
  ];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

function summarise(label: string, role: string, times: number[], cpu: number[], stmts: number[]): Row {
  const s = [...times].sort((a, b) => a - b);
  return { label, role, stmts: quantile([...stmts].sort((a, b) => a - b), 0.5), cpu: quantile([...cpu].sort((a, b) => a - b), 0.5), p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99) };
}

/**
 * Statements sent to PostgreSQL, counted from outside: every query of the app's pool and
 * of Prisma's adapter goes through pg's Client.prototype.query.
 */
let statements = 0;
function countStatements(): () => void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    statements++;
    return original.apply(this, args);
  };
  return () => void (proto.query = original);
}

/** Node CPU ms since `from` (a process.cpuUsage() reading). */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/** The people and rooms the bench speaks with; the rest of the county exists only in the database. */
export function countyWorld(names: Map<string, string>): MockWorld {
  const people = Object.values(WHO).map((wxid) => ({ wxid, name: names.get(wxid) ?? wxid }));
  const members = people.map((p) => p.wxid);
  return new MockWorld({
    bot: BOT,
    people,
    groups: [
      { roomId: VILLAGE_ROOM, topic: "村联络群1", members },
      { roomId: TOWNSHIP_ROOM, topic: "乡镇联络群1", members },
    ],
  });
}

async function measureCommands(world: MockWorld, handled: Map<string, () => void>, k: Known, pass: number, log: (m: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  let serial = 0;
  // The bot's last words, shown in the progress log so a refusal or a typo shows up.
  let last = "";
  const offRoom = world.onRoomMessage((l) => l.fromBot && (last = l.text));
  const offDirect = world.onDirectMessage((l) => (last = l.text));
  for (const cse of commandCases(k)) {
    const times: number[] = [];
    const cpu: number[] = [];
    const stmts: number[] = [];
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const n = pass * (WARMUP + SAMPLES) + i;
      const id = `county-${pass}-${serial++}`;
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`county: ${cse.label} (${cse.role}) not handled within 10 s`)), 10_000);
        handled.set(id, () => (clearTimeout(timer), resolve()));
      });
      const s0 = statements;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const text = cse.text(n, last);
      if (cse.room) world.say(cse.who, cse.room, text, { id });
      else world.sayPrivately(cse.who, text, { id });
      await done;
      if (i >= WARMUP) times.push(performance.now() - t0), cpu.push(cpuMs(c0)), stmts.push(statements - s0);
    }
    const row = summarise(cse.label, cse.role, times, cpu, stmts);
    log(`${cse.label} (${cse.role}): ${row.stmts} stmts, cpu ${row.cpu.toFixed(1)} p50 ${row.p50.toFixed(1)} p95 ${row.p95.toFixed(1)} p99 ${row.p99.toFixed(1)} ms — ${JSON.stringify(last.replace(/\s+/g, " ").slice(0, 70))}`);
    rows.push(row);
    last = "";
  }
  offRoom();
  offDirect();
  return rows;
}

async function measureRoutes(base: string, k: Known, log: (m: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  for (const r of routeCases(k)) {
    const times: number[] = [];
    const cpu: number[] = [];
    const stmts: number[] = [];
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const s0 = statements;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = await fetch(base + r.url(i), { headers: { authorization: `Bearer ${TOKEN}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`county: ${r.label} answered ${res.status}`);
      if (i >= WARMUP) times.push(performance.now() - t0), cpu.push(cpuMs(c0)), stmts.push(statements - s0);
    }
    const row = summarise(r.label, "API token", times, cpu, stmts);
    log(`${r.label}: ${row.stmts} stmts, cpu ${row.cpu.toFixed(1)} p50 ${row.p50.toFixed(1)} p95 ${row.p95.toFixed(1)} p99 ${row.p99.toFixed(1)} ms`);
    rows.push(row);
  }
  return rows;
}

function table(title: string, rows: Row[], other?: Row[]): string[] {
  const head = other ? ["stmts", "cpu", "p50", "p95", "p99", "p99 ×2"] : ["stmts", "cpu", "p50", "p95", "p99"];
  const lines = [title, `${"".padEnd(44)}${head.map((h) => h.padStart(8)).join("")}`];
  rows.forEach((r, i) => {
    const cells = String(r.stmts).padStart(8) + [r.cpu, r.p50, r.p95, r.p99, ...(other ? [other[i]!.p99] : [])].map((x) => x.toFixed(1).padStart(8)).join("");
    const over = Math.max(r.p99, other?.[i]?.p99 ?? 0) > GOAL_MS ? "  > 20 ms" : "";
    lines.push(`${pad(`${r.label} (${r.role})`, 44)}${cells}${over}`);
  });
  return lines;
}

/** Pad to a display width, counting a CJK character as two columns. */
function pad(text: string, width: number): string {
  const w = [...text].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) && !/[×—…]/.test(ch) ? 2 : 1), 0);
  return text + " ".repeat(Math.max(1, width - w));
}

const worst = (rows: Row[]) => Math.round(Math.max(...rows.map((r) => r.p99)) * 10) / 10;

async function run(log: (msg: string) => void): Promise<SectionResult> {
  const why = await postgresUnreachable();
  if (why) return { lines: [`skipped: ${why}`], json: {} };
  const t0 = performance.now();
  const db = await createPostgresDatabase("miaopu_county");
  const spoolDir = mkdtempSync(path.join(tmpdir(), "miaopu-county-spool-"));
  const client = new pg.Client({ connectionString: db.url });
  let app: App | null = null;
  try {
    const opened = await openDatabase(db.url);
    await migrate(opened.sql);
    await opened.close();
    await client.connect();
    let t = performance.now();
    await seedCounty(client);
    log(`county seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    await seedHistory(client, 0, log);
    const seedS = (performance.now() - t) / 1000;
    log(`history seeded in ${seedS.toFixed(1)} s`);
    const k = await known(client);
    const names = new Map((await client.query<{ externalId: string; displayName: string }>(`SELECT "externalId", "displayName" FROM "ChatMember" WHERE "externalId" = ANY($1)`, [Object.values(WHO)])).rows.map((r) => [r.externalId, r.displayName]));

    const world = countyWorld(names);
    const handled = new Map<string, () => void>();
    const config = loadConfig({
      DATABASE_URL: db.url, SPOOL_DIR: spoolDir, LOG_LEVEL: "silent", HTTP_PORT: "0", API_TOKEN: TOKEN,
      WECHATY_PUPPET: "wechaty-puppet-mock", DEMO_DATA: "false", INSTANCE_ID: "county-a",
    });
    app = await startApp({
      config, world, http: true, jobs: false, log: createLogger("silent"),
      onHandled: (m: ChatMessage) => {
        const f = handled.get(m.id);
        if (f) handled.delete(m.id), f();
      },
    });
    for (let i = 0; !app.channel().isReady(); i++) {
      if (i > 300) throw new Error("county: the bot did not log in");
      await new Promise((r) => setTimeout(r, 100));
    }
    const uncount = countStatements();
    const commands = await measureCommands(world, handled, k, 0, log);
    const routes = await measureRoutes(app.url!, k, log);
    let commands2: Row[] | undefined;
    let routes2: Row[] | undefined;
    if (DOUBLE) {
      t = performance.now();
      await seedHistory(client, 1, log);
      log(`history doubled in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      commands2 = await measureCommands(world, handled, k, 1, log);
      routes2 = await measureRoutes(app.url!, k, log);
    }
    uncount();
    const json: Record<string, number> = { county_command_p99_ms_max: worst(commands), county_api_p99_ms_max: worst(routes) };
    if (commands2 && routes2) {
      json.county_command_p99_ms_max_doubled = worst(commands2);
      json.county_api_p99_ms_max_doubled = worst(routes2);
    }
    const h = HISTORY;
    const lines = [
      `PostgreSQL, ${COUNTY.townships} townships, ${COUNTY.townships * COUNTY.villagesPerTownship} villages, ${COUNTY.people.toLocaleString("en")} people, ${COUNTY.groups} groups; ` +
        `${h.messages.toLocaleString("en")} messages, ${h.feedback.toLocaleString("en")} feedback, ${h.checkins.toLocaleString("en")} check-ins, ${h.schedules.toLocaleString("en")} schedules ` +
        `(${(h.schedules * h.firingsPerSchedule).toLocaleString("en")} firings), ${h.sentOutbox.toLocaleString("en")} sent outbox rows (history seeded in ${seedS.toFixed(0)} s)`,
      `${SAMPLES} samples per row after ${WARMUP} warm-up, one at a time; ms from delivery (mock puppet) to handled, or request to response (loopback HTTP); stmts = SQL statements per call, cpu = Node CPU ms per call (medians; both hardly move with the machine's load)` +
        (DOUBLE ? "; “×2” after doubling every history table" : ""),
      ...table("commands", commands, commands2),
      ...table("API routes", routes, routes2),
      `worst p99: commands ${json.county_command_p99_ms_max} ms, API ${json.county_api_p99_ms_max} ms` +
        (DOUBLE ? `; after doubling: ${json.county_command_p99_ms_max_doubled} ms, ${json.county_api_p99_ms_max_doubled} ms` : "") +
        ` (goal ≤ ${GOAL_MS} ms); section took ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    ];
    return { lines, json };
  } finally {
    await app?.stop().catch(() => undefined);
    await client.end().catch(() => undefined);
    if (KEEP) log(`kept the database: ${db.url}`);
    else await db.drop();
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

export const countySection: BenchSection = { name: "county", title: "County scale: every command and API route, p50/p95/p99 (PostgreSQL)", run };
