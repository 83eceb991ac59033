// Bench section "workbench": the cadres' pages at county scale on PostgreSQL — 20 townships,
// 400 villages, 10,000 candidates, 1,000,000 archived messages, 50,000 feedback items —
// served by the real app over loopback HTTP to a signed-in county administrator:
// the overview, a filtered register page, a file with 2,000 messages, a ledger page
// (p50 and p99 of sequential requests, goal p99 ≤ 100 ms), then the export of all 10,000
// people as .xlsx (time, size, and the process's peak RSS while it runs).
// `npm run bench -- --only=workbench`. The data parts (divisions, the survey reader, the
// template) are measured alone by `npx tsx bench/workbench.ts`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, type App } from "../src/app.ts";
import { MemoryChannel } from "../src/channels/memory/memory-channel.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/core/logger.ts";
import type { SqlRunner } from "../src/db/database.ts";
import { issueSignInCode, signIn } from "../src/features/workbench/sign-in.ts";
import { createPostgresDatabase, postgresUnreachable } from "../test/support/databases.ts";
import type { BenchSection, SectionResult } from "./sections.ts";

const CANDIDATES = 10_000;
const MESSAGES = 1_000_000;
const FILE_MESSAGES = 2_000;
const FEEDBACK = 50_000;
const TOWNSHIPS = 20;
const VILLAGES_PER_TOWNSHIP = 20;
const REQUESTS = Number(process.env.BENCH_WORKBENCH_REQUESTS ?? 100);
const GOAL_P99_MS = 100;

/** The county, set-based: a few statements, each a generate_series (raw SQL: bulk seeding). */
async function seed(sql: SqlRunner): Promise<{ adminMemberId: number; fileId: number; townshipId: number }> {
  await sql.exec(`
    INSERT INTO "Area" (name, level, path, code) VALUES ('江北县', 'county', 'pending-county', '330199');
    UPDATE "Area" SET path = '/' || id || '/' WHERE path = 'pending-county';
    INSERT INTO "Area" (name, level, "parentId", path)
      SELECT '第' || t || '镇', 'township', c.id, 'pending-t-' || t FROM "Area" c, generate_series(1, ${TOWNSHIPS}) t WHERE c.level = 'county';
    UPDATE "Area" a SET path = c.path || a.id || '/' FROM "Area" c WHERE a.path LIKE 'pending-t-%' AND c.id = a."parentId";
    INSERT INTO "Area" (name, level, "parentId", path)
      SELECT t.name || '第' || v || '村', 'village', t.id, 'pending-v-' || t.id || '-' || v FROM "Area" t, generate_series(1, ${VILLAGES_PER_TOWNSHIP}) v WHERE t.level = 'township';
    UPDATE "Area" a SET path = t.path || a.id || '/' FROM "Area" t WHERE a.path LIKE 'pending-v-%' AND t.id = a."parentId";
    CREATE TEMP TABLE v AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM "Area" WHERE level = 'village';
    INSERT INTO "Candidate" (name, gender, "birthYear", "birthMonth", phone, education, category, source, stage, "villageId", "updatedAt")
      SELECT (ARRAY['张','王','李','赵','陈','刘','杨','黄','周','吴'])[1 + i % 10] || (ARRAY['伟','芳','娜','敏','静','强','磊','军','洋','勇','艳','杰'])[1 + (i / 10) % 12] || i,
             (ARRAY['male','female'])[1 + i % 2]::"Gender", 1975 + i % 30, 1 + i % 12,
             '13' || lpad((i * 7919 % 1000000000)::text, 9, '0'), (ARRAY['大学本科','大学专科','高中'])[1 + i % 3],
             (ARRAY['business_leader','returning_entrepreneur','graduate','veteran','other'])[1 + i % 5]::"CandidateCategory",
             (ARRAY['self_nomination','villager_recommendation','party_recommendation'])[1 + i % 3]::"CandidateSource",
             (ARRAY['prospect','trainee','reserve','exited'])[1 + i % 4]::"CandidateStage",
             (SELECT id FROM v WHERE n = i % ${TOWNSHIPS * VILLAGES_PER_TOWNSHIP}), now()
      FROM generate_series(0, ${CANDIDATES - 1}) i;
    INSERT INTO "ChatMember" (channel, "externalId", "displayName", role, "candidateId", "updatedAt")
      SELECT 'wechat', 'wxid_bench_' || id, name, 'reserve', id, now() FROM "Candidate";
    INSERT INTO "ChatMember" (channel, "externalId", "displayName", role, "areaId", "updatedAt")
      SELECT 'wechat', 'wxid_bench_admin', '县管理员', 'county_admin', id, now() FROM "Area" WHERE level = 'county';
    INSERT INTO "LiaisonGroup" (channel, "externalId", topic, "areaId")
      SELECT 'wechat', 'bench-' || id || '@chatroom', name || '联系群', id FROM "Area" WHERE level = 'township';
    CREATE TEMP TABLE m AS
      SELECT row_number() OVER (ORDER BY c.id) - 1 AS n, cm.id AS member, c.id AS candidate, g.id AS grp
      FROM "Candidate" c JOIN "ChatMember" cm ON cm."candidateId" = c.id JOIN "Area" vv ON vv.id = c."villageId" JOIN "LiaisonGroup" g ON g."areaId" = vv."parentId";
    INSERT INTO "ArchivedMessage" (channel, "externalId", "groupId", "memberId", "candidateId", kind, text, "sentAt")
      SELECT 'wechat', 'bench-msg-' || i, m.grp, m.member, m.candidate, 'text', '今天参加了村里的学习，收获很多 ' || i,
             now() - (i || ' minutes')::interval
      FROM generate_series(0, ${FILE_MESSAGES - 1}) i JOIN m ON m.n = 0;
    INSERT INTO "ArchivedMessage" (channel, "externalId", "groupId", "memberId", "candidateId", kind, text, "sentAt")
      SELECT 'wechat', 'bench-msg-' || i, m.grp, m.member, m.candidate, 'text', '大家好，收到通知 ' || i,
             now() - ((i % 525600) || ' minutes')::interval
      FROM generate_series(${FILE_MESSAGES}, ${MESSAGES - 1}) i JOIN m ON m.n = 1 + i % (${CANDIDATES} - 1);
    INSERT INTO "FeedbackItem" (kind, topic, status, text, "detectedBy", "candidateId", "authorId", "groupId", "areaId", "createdAt")
      SELECT (ARRAY['feedback','idea'])[1 + i % 2]::"FeedbackKind",
             (ARRAY['industry','governance','difficulty','thinking','study','other'])[1 + i % 6]::"FeedbackTopic",
             (ARRAY['open','answered','closed','closed'])[1 + i % 4]::"FeedbackStatus",
             '建议村里把道路修一修，方便运茶叶 ' || i, 'rule', m.candidate, m.member, m.grp, c."villageId",
             now() - ((i % 365) || ' days')::interval
      FROM generate_series(0, ${FEEDBACK - 1}) i JOIN m ON m.n = i % ${CANDIDATES} JOIN "Candidate" c ON c.id = m.candidate;
  `);
  // A county that has been running is vacuumed by autovacuum; a fresh bulk load is not yet,
  // and without the visibility map every count would read the heap.
  await sql.exec("VACUUM ANALYZE");
  const admin = await sql.query<{ id: number }>(`SELECT id FROM "ChatMember" WHERE "externalId" = 'wxid_bench_admin'`);
  const file = await sql.query<{ candidate: number }>(`SELECT "candidateId" AS candidate FROM "ArchivedMessage" WHERE "externalId" = 'bench-msg-0'`);
  const township = await sql.query<{ id: number }>(`SELECT id FROM "Area" WHERE level = 'township' ORDER BY id LIMIT 1`);
  return { adminMemberId: admin[0]!.id, fileId: file[0]!.candidate, townshipId: township[0]!.id };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

async function timePage(url: string, cookie: string, expect: string): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS + 3; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200 || !body.includes(expect)) throw new Error(`${url}: ${res.status}, expected “${expect}” in the page`);
    if (i >= 3) times.push(ms); // the first few warm the caches and the planner
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

async function run(log: (msg: string) => void): Promise<SectionResult> {
  const why = await postgresUnreachable();
  if (why) return { lines: [`skipped: ${why}`], json: {}, problems: [] };
  const created = await createPostgresDatabase("miaopu_bench_workbench");
  const spool = mkdtempSync(path.join(tmpdir(), "miaopu-bench-spool-"));
  let app: App | null = null;
  try {
    const config = loadConfig({ DATABASE_URL: created.url, SPOOL_DIR: spool, LOG_LEVEL: "silent", HTTP_PORT: "0", DEMO_DATA: "false" });
    app = await startApp({ config, wechat: new MemoryChannel("wechat"), jobs: false, log: createLogger("silent") });
    log(`seeding ${CANDIDATES.toLocaleString()} candidates, ${MESSAGES.toLocaleString()} messages, ${FEEDBACK.toLocaleString()} feedback items…`);
    const t0 = performance.now();
    const { adminMemberId, fileId, townshipId } = await seed(app.db.sql);
    const seedS = (performance.now() - t0) / 1000;
    const prisma = app.db.prisma;
    const signedIn = await signIn(prisma, await issueSignInCode(prisma, adminMemberId, new Date()), { ip: "127.0.0.1" }, new Date());
    if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.reason}`);
    const cookie = `miaopu_session=${signedIn.token}`;
    const base = `${app.url}/workbench`;
    const pages = {
      overview: await timePage(`${base}/`, cookie, "各乡镇人选"),
      register: await timePage(`${base}/register?area=${townshipId}&stage=trainee&q=${encodeURIComponent("张")}&page=2&sort=name`, cookie, "id=\"register\""),
      file: await timePage(`${base}/people/${fileId}?page=3`, cookie, "发言记录"),
      ledger: await timePage(`${base}/feedback?status=open&topic=industry&page=2`, cookie, "id=\"ledger\""),
    };

    let peak = process.memoryUsage.rss();
    const before = peak;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
    const e0 = performance.now();
    const res = await fetch(`${app.url}/api/candidates/export.xlsx`, { headers: { cookie } });
    const file = Buffer.from(await res.arrayBuffer());
    const exportMs = performance.now() - e0;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    const problems: string[] = [];
    if (res.status !== 200) problems.push(`export answered ${res.status}`);
    for (const [name, t] of Object.entries(pages)) if (t.p99 > GOAL_P99_MS) problems.push(`${name} page p99 ${t.p99.toFixed(1)} ms > ${GOAL_P99_MS} ms`);
    const mb = (n: number) => n / 1024 / 1024;
    const lines = [
      `county: ${TOWNSHIPS} townships, ${TOWNSHIPS * VILLAGES_PER_TOWNSHIP} villages, ${CANDIDATES.toLocaleString()} candidates, ${MESSAGES.toLocaleString()} messages, ${FEEDBACK.toLocaleString()} feedback items (seeded in ${seedS.toFixed(1)} s), PostgreSQL, as a county administrator`,
      `${REQUESTS} sequential requests per page over loopback HTTP (goal p99 ≤ ${GOAL_P99_MS} ms):`,
      ...Object.entries(pages).map(([name, t]) => `  ${name.padEnd(9)} p50 ${t.p50.toFixed(1).padStart(6)} ms   p99 ${t.p99.toFixed(1).padStart(6)} ms`),
      `export of ${CANDIDATES.toLocaleString()} people (${TOWNSHIPS} sheets): ${(exportMs / 1000).toFixed(2)} s, ${mb(file.length).toFixed(1)} MB, peak RSS ${mb(peak).toFixed(0)} MB (${mb(before).toFixed(0)} MB before)`,
    ];
    const json: Record<string, number> = { workbench_seed_s: Number(seedS.toFixed(1)) };
    for (const [name, t] of Object.entries(pages)) {
      json[`workbench_${name}_p50_ms`] = Number(t.p50.toFixed(1));
      json[`workbench_${name}_p99_ms`] = Number(t.p99.toFixed(1));
    }
    json.workbench_export_10k_s = Number((exportMs / 1000).toFixed(2));
    json.workbench_export_10k_peak_rss_mb = Math.round(mb(peak));
    json.workbench_export_10k_mb = Number(mb(file.length).toFixed(1));
    return { lines, json, problems };
  } finally {
    await app?.stop();
    // BENCH_WORKBENCH_KEEP=1 keeps the county for EXPLAIN ANALYZE by hand.
    if (process.env.BENCH_WORKBENCH_KEEP === "1") log(`kept ${created.url}`);
    else await created.drop();
    rmSync(spool, { recursive: true, force: true });
  }
}

export const workbenchSection: BenchSection = { name: "workbench", title: "The workbench's pages and the register export at county scale", run };
