// Bench section `symposium`: a county of 20 townships and 2,000 reserves through one
// Spring Festival 2027 campaign, on PGlite in memory with an injected clock: the draft
// job, 20 confirmations (/座谈会 开始), 2,000 people's free-text answers through the
// bot, the one reminder, 20 `/座谈会 定`, RSVPs in words, the RSVP reminder, the
// reminders to those attending. Each automatic step is timed and run a second time
// (as a restart or a second instance would), which must queue nothing.
// Duplicates = messages to one person (or group) for one logical step beyond the first;
// must be 0. Reminded-answered = reminders to someone who had answered; must be 0.
import { performance } from "node:perf_hooks";
import { startApp, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { MockWorld } from "../src/channels/wechaty/mock-world.ts";
import type { ChatMessage } from "../src/core/chat-message.ts";
import { createLogger } from "../src/core/logger.ts";
import type { BenchSection, SectionResult } from "./sections.ts";

const TOWNSHIPS = 20;
const VILLAGES_PER_TOWNSHIP = 5;
const RESERVES = 2_000;
const CONCURRENCY = 16;
const BOT = { wxid: "wxid_sym_bot", name: "苗圃助手" };

const bj = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
const pad = (i: number, n = 4) => String(i + 1).padStart(n, "0");
const reserveId = (i: number) => `wxid_sym_r${pad(i)}`;
const organiserId = (t: number) => `wxid_sym_o${pad(t, 2)}`;
const roomId = (t: number) => `sym-room-${pad(t, 2)}@chatroom`;

// Realistic answers, in the mix people give: dates lunar and Gregorian, ranges, no, unsure.
const ANSWERS = [
  "腊月二十六回，初六走", "年二十八到家，待到元宵节", "1.29回 2.13走", "初二到初六在家", "今年不回了，单位要值班",
  "2/4-2/9在家", "除夕前一天回", "腊月二十回来，过完年就走", "2月1号到家", "看情况吧", "还没定", "小年回，正月初八走",
  "腊月廿五到，初十返程", "我已经在家了", "二十八回，十六走", "年三十回不去，初二能到家", "在深圳过年，不回了", "2月3日回2月12日走",
];
const RSVPS = ["参加", "好的我参加", "来不了，家里有事", "准时到", "一定来", "去不了，要出差", "/报名", "/请假 单位值班"];

async function seed(app: App): Promise<void> {
  const sql = app.db.sql;
  await sql.transaction(async (tx) => {
    const [county] = await tx.query<{ id: number }>(`INSERT INTO "Area" (name, level, path) VALUES ('座谈县', 'county', 'pending') RETURNING id`);
    await tx.query(`UPDATE "Area" SET path = '/' || id || '/' WHERE id = $1`, [county!.id]);
    await tx.query(
      `INSERT INTO "Area" (name, level, "parentId", path) SELECT '座谈' || n || '镇', 'township', $1, 'pending:t' || n FROM generate_series(1, $2::int) n`,
      [county!.id, TOWNSHIPS],
    );
    await tx.query(`UPDATE "Area" SET path = $2 || id || '/' WHERE "parentId" = $1`, [county!.id, `/${county!.id}/`]);
    await tx.query(
      `INSERT INTO "Area" (name, level, "parentId", path)
       SELECT t.name || v || '村', 'village', t.id, 'pending:v' || t.id || '-' || v FROM "Area" t, generate_series(1, $2::int) v WHERE t."parentId" = $1`,
      [county!.id, VILLAGES_PER_TOWNSHIP],
    );
    await tx.query(`UPDATE "Area" v SET path = t.path || v.id || '/' FROM "Area" t WHERE v."parentId" = t.id AND t."parentId" = $1`, [county!.id]);
    const townships = await tx.query<{ id: number; name: string }>(`SELECT id, name FROM "Area" WHERE "parentId" = $1 ORDER BY id`, [county!.id]);
    const villages = await tx.query<{ id: number }>(`SELECT v.id FROM "Area" v JOIN "Area" t ON t.id = v."parentId" WHERE t."parentId" = $1 ORDER BY t.id, v.id`, [county!.id]);
    // Reserve i lives in village i mod 100: 100 reserves per township.
    const villageOf = (i: number) => villages[Math.floor(i / (RESERVES / villages.length))]!.id;
    await tx.query(
      `INSERT INTO "Candidate" (name, "villageId", stage, "updatedAt") SELECT n, v, 'reserve', now() FROM unnest($1::text[], $2::int[]) AS u(n, v)`,
      [Array.from({ length: RESERVES }, (_, i) => `后备${pad(i)}`), Array.from({ length: RESERVES }, (_, i) => villageOf(i))],
    );
    await tx.query(
      `INSERT INTO "ChatMember" (channel, "externalId", "displayName", role, "candidateId", "updatedAt")
       SELECT 'wechat', 'wxid_sym_r' || lpad(substr(c.name, 3), 4, '0'), c.name, 'reserve', c.id, now() FROM "Candidate" c WHERE c.name LIKE '后备%'`,
    );
    await tx.query(
      `INSERT INTO "ChatMember" (channel, "externalId", "displayName", role, "areaId", "updatedAt")
       SELECT 'wechat', o, '组织委员' || ord, 'township_organiser', t, now() FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS u(o, t, ord)`,
      [townships.map((_, t) => organiserId(t)), townships.map((t) => t.id)],
    );
    await tx.query(
      `INSERT INTO "LiaisonGroup" (channel, "externalId", topic, "areaId") SELECT 'wechat', r, n || '联系群', t FROM unnest($1::text[], $2::text[], $3::int[]) AS u(r, n, t)`,
      [townships.map((_, t) => roomId(t)), townships.map((t) => t.name), townships.map((t) => t.id)],
    );
  });
}

function world(): MockWorld {
  const people = [
    ...Array.from({ length: RESERVES }, (_, i) => ({ wxid: reserveId(i), name: `后备${pad(i)}` })),
    ...Array.from({ length: TOWNSHIPS }, (_, t) => ({ wxid: organiserId(t), name: `组织委员${t + 1}` })),
  ];
  const per = RESERVES / TOWNSHIPS;
  const groups = Array.from({ length: TOWNSHIPS }, (_, t) => ({
    roomId: roomId(t),
    topic: `座谈${t + 1}镇联系群`,
    members: [organiserId(t), ...Array.from({ length: per }, (_, k) => reserveId(t * per + k))],
  }));
  return new MockWorld({ bot: BOT, people, groups });
}

let seq = 0;
function message(from: string, name: string, room: string | null, text: string, at: Date): ChatMessage {
  return {
    id: `sym-${++seq}`,
    channel: "wechat",
    conversation: room ? { id: room, topic: room, isGroup: true } : { id: from, topic: name, isGroup: false },
    sender: { id: from, name },
    kind: "text",
    text,
    sentAt: at,
    mentions: [],
    fromSelf: false,
  };
}

/** Handle messages with up to CONCURRENCY in flight; returns the elapsed ms. */
async function pump(app: App, messages: ChatMessage[]): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < messages.length) await app.bot.handle(messages[next++]!);
    }),
  );
  return performance.now() - t0;
}

async function outboxRows(app: App): Promise<number> {
  const [r] = await app.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE purpose = 'symposium'`);
  return r!.n;
}

export const symposiumSection: BenchSection = {
  name: "symposium",
  title: "Holiday symposium: a county of 20 townships and 2,000 reserves through one campaign",
  async run(log): Promise<SectionResult> {
    let clock = bj("2027-01-17 09:00");
    const config = loadConfig({ DATABASE_URL: "pglite:memory", DEMO_DATA: "false", LOG_LEVEL: "silent", HTTP_PORT: "0", BACKLOG_GRACE_SECONDS: String(100 * 365 * 86_400) });
    const app = await startApp({ config, world: world(), http: false, jobs: false, now: () => clock, log: createLogger("silent") });
    const lines: string[] = [];
    const json: Record<string, number> = {};
    const problems: string[] = [];
    try {
      await seed(app);
      log("symposium: seeded; running the campaign");
      /** Run the steps job at `wall`, twice (the second as a restart would): time of the first, rows of each. */
      const step = async (label: string, wall: string, key: string) => {
        clock = bj(wall);
        const before = await outboxRows(app);
        const t0 = performance.now();
        await app.runJob("symposium-steps", clock);
        const ms = performance.now() - t0;
        const queued = (await outboxRows(app)) - before;
        await Promise.all([app.runJob("symposium-steps", clock), app.runJob("symposium-steps", clock)]);
        const again = (await outboxRows(app)) - before - queued;
        if (again) problems.push(`${label}: a rerun queued ${again} more`);
        lines.push(`${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms   queued ${String(queued).padStart(5)}   rerun queued ${again}`);
        json[`symposium_${key}_ms`] = Math.round(ms);
        json[`symposium_${key}_queued`] = queued;
        return queued;
      };
      /** Commands or answers through the bot: elapsed and rows queued. */
      const chat = async (label: string, key: string, messages: ChatMessage[]) => {
        const before = await outboxRows(app);
        const ms = await pump(app, messages);
        const queued = (await outboxRows(app)) - before;
        lines.push(`${label.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms   queued ${String(queued).padStart(5)}   ${(messages.length / (ms / 1000)).toFixed(0)} msgs/s`);
        json[`symposium_${key}_ms`] = Math.round(ms);
        json[`symposium_${key}_queued`] = queued;
        json[`symposium_${key}_per_s`] = Math.round(messages.length / (ms / 1000));
      };

      const drafts = await step("draft (腊月初十, 20 townships)", "2027-01-17 09:00", "draft");
      if (drafts !== TOWNSHIPS) problems.push(`draft queued ${drafts}, expected ${TOWNSHIPS}`);

      clock = bj("2027-01-17 10:00");
      await chat("confirm: 20 × /座谈会 开始 (asks)", "confirm", Array.from({ length: TOWNSHIPS }, (_, t) => message(organiserId(t), `组织委员${t + 1}`, roomId(t), "/座谈会 开始", clock)));
      const asked = (json.symposium_confirm_queued ?? 0);
      if (asked !== RESERVES + TOWNSHIPS) problems.push(`questions queued ${asked}, expected ${RESERVES + TOWNSHIPS}`);

      // 85% answer (in the group or privately), 15% stay silent.
      const answering = Array.from({ length: RESERVES }, (_, i) => i).filter((i) => i % 20 >= 3);
      clock = bj("2027-01-17 12:00");
      await chat(
        `answers: ${answering.length} in free text`,
        "answers",
        answering.map((i) => message(reserveId(i), `后备${pad(i)}`, i % 2 ? roomId(Math.floor(i / (RESERVES / TOWNSHIPS))) : null, ANSWERS[i % ANSWERS.length]!, clock)),
      );
      const [rec] = await app.db.sql.query<{ answered: number; coming: number; unclear: number }>(
        `SELECT count(*) FILTER (WHERE "homeStatus" IS NOT NULL)::int AS answered, count(*) FILTER (WHERE "homeStatus" = 'coming')::int AS coming, count(*) FILTER (WHERE "homeStatus" = 'unclear')::int AS unclear FROM "SymposiumInvitee"`,
      );
      json.symposium_answers_recorded = rec!.answered;
      json.symposium_answers_coming = rec!.coming;
      if (rec!.answered !== answering.length) problems.push(`answers recorded ${rec!.answered}, expected ${answering.length}`);

      await step("quiet hours (23:00): nothing", "2027-01-20 23:00", "quiet");
      const nudged = await step("one reminder / follow-up", "2027-01-21 08:05", "home_reminders");
      if (nudged !== RESERVES - answering.length + rec!.unclear) problems.push(`reminders queued ${nudged}, expected ${RESERVES - answering.length + rec!.unclear}`);

      clock = bj("2027-01-25 10:00");
      await chat(
        "schedule: 20 × /座谈会 定 (invites)",
        "invite",
        Array.from({ length: TOWNSHIPS }, (_, t) => message(organiserId(t), `组织委员${t + 1}`, null, `/座谈会 定 2027-02-09 14:00 地点=镇党委会议室 议题=家乡发展 乡镇=座谈${t + 1}镇`, clock)),
      );

      clock = bj("2027-01-25 12:00");
      const rsvping = Array.from({ length: RESERVES }, (_, i) => i).filter((i) => i % 10 < 6);
      await chat(`RSVPs: ${rsvping.length}`, "rsvp", rsvping.map((i) => message(reserveId(i), `后备${pad(i)}`, null, RSVPS[i % RSVPS.length]!, clock)));
      await step("RSVP reminder", "2027-01-27 10:05", "rsvp_reminders");
      await step("the day before (attending)", "2027-02-08 14:00", "eve");
      await step("two hours before (attending)", "2027-02-09 12:00", "soon");

      // Per recipient and logical step (the key without its recipient part): more than one is a duplicate.
      const [dup] = await app.db.sql.query<{ duplicates: number; total: number }>(
        `SELECT coalesce(sum(n - 1), 0)::int AS duplicates, coalesce(sum(n), 0)::int AS total FROM (
           SELECT count(*) AS n FROM "OutboxMessage" WHERE purpose = 'symposium'
            GROUP BY conversation, regexp_replace(key, ':(group:)?[0-9]+$', '')) x`,
      );
      // Reminders to someone who had answered by then.
      const [wrong] = await app.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "OutboxMessage" o
           JOIN "SymposiumInvitee" i ON o.key LIKE 'symposium:' || i."campaignId" || ':home-nudge:' || i.id
          WHERE i."homeStatus" IN ('coming', 'not_coming') AND i."homeAt" < o."createdAt"`,
      );
      json.symposium_townships = TOWNSHIPS;
      json.symposium_reserves = RESERVES;
      json.symposium_messages_queued = dup!.total;
      json.symposium_duplicates = dup!.duplicates;
      json.symposium_reminded_answered = wrong!.n;
      if (dup!.duplicates) problems.push(`${dup!.duplicates} duplicate messages`);
      if (wrong!.n) problems.push(`${wrong!.n} reminders to people who had answered`);
      lines.push(`messages queued ${dup!.total}, duplicates ${dup!.duplicates}, reminders to people who had answered ${wrong!.n}`);
      lines.push(`answers recorded ${rec!.answered} of ${answering.length} (coming ${rec!.coming}, unsure ${rec!.unclear})`);
    } finally {
      await app.stop();
    }
    return { lines, json, problems };
  },
};
