// `npm run bench`: message throughput of the whole bot, side by side on PGlite and
// PostgreSQL, against each database's raw single-row insert rate and against the
// mock puppet alone. See bench/README.md for what each number means.
//
// Settings (environment):
//   BENCH_MESSAGES     measured messages per phase (default 3000)
//   BENCH_WARMUP       warm-up messages per phase, not counted (default 200)
//   BENCH_CONCURRENCY  messages (or inserts) kept in flight (default 32)
//   BENCH_PGLITE       "memory" (default) or "dir" (a temp folder, as in production)
//   BENCH_POSTGRES     "skip" to leave PostgreSQL out
//   TEST_PG_URL        admin URL of the PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/postgres)
import { out } from "./quiet.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startApp, demoWorld, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/core/logger.ts";
import type { ChatMessage } from "../src/core/chat-message.ts";
import { WechatyChannel } from "../src/channels/wechaty/wechaty-channel.ts";
import type { MockWorld } from "../src/channels/wechaty/mock-world.ts";
import { classifyByRules } from "../src/domain/classifier-rules.ts";
import { createPostgresDatabase, PG_ADMIN_URL } from "../test/support/databases.ts";

const N = intEnv("BENCH_MESSAGES", 3000);
const WARMUP = intEnv("BENCH_WARMUP", 200);
const CONCURRENCY = intEnv("BENCH_CONCURRENCY", 32);
const PGLITE_MODE = process.env.BENCH_PGLITE === "dir" ? "dir" : "memory";
const STALL_MS = 30_000;

function intEnv(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------- the traffic

const QS = "demo-qingshan@chatroom";
const BS = "demo-baishui@chatroom";
const GROUP_SPEAKERS: [string, string[]][] = [
  [QS, ["wxid_demo_lijuan", "wxid_demo_zhangwei", "wxid_demo_wangfang", "wxid_demo_liuqiang", "wxid_demo_chenjing", "wxid_demo_yangfan", "wxid_demo_huanglei", "wxid_demo_zhoumin", "wxid_demo_wuhao", "wxid_demo_sunli", "wxid_demo_qs_cadre"]],
  [BS, ["wxid_demo_zhengyu", "wxid_demo_fengxue", "wxid_demo_heping", "wxid_demo_luoxin", "wxid_demo_tangjun", "wxid_demo_xuting", "wxid_demo_gaofeng", "wxid_demo_lintao", "wxid_demo_majie", "wxid_demo_bs_cadre"]],
];
const SMALL_TALK = [
  "今天回村里看了看，路修得不错",
  "收到",
  "好的，谢谢王书记",
  "周末大家都回家了吗？",
  "刚开完会，晚点再看群消息",
  "今年的春茶长势挺好的，采茶的人也多",
  "👍👍",
  "明天上午九点村委会见",
  "我在镇上办事，下午回来",
  "照片我发到群相册里了，大家看看",
  "天气预报说这周有雨，出门记得带伞",
  "晚上一起吃个饭吧，好久没聚了",
];
const IDEAS = [
  "建议村里搞电商直播卖茶叶",
  "建议在村口多装几盏路灯，晚上路太黑了",
  "我觉得可以把闲置的老房子改成民宿，发展乡村旅游",
  "希望能组织一次电商培训，教大家开网店",
];
/** One message in twenty is an idea (5%): it becomes a feedback item and a reply. */
const IDEA_EVERY = 20;

interface Planned { roomId: string; wxid: string; text: string; idea: boolean }

function plan(i: number): Planned {
  const [roomId, speakers] = GROUP_SPEAKERS[i % GROUP_SPEAKERS.length]!;
  const wxid = speakers[Math.floor(i / GROUP_SPEAKERS.length) % speakers.length]!;
  const idea = i % IDEA_EVERY === IDEA_EVERY - 1;
  const text = idea ? IDEAS[Math.floor(i / IDEA_EVERY) % IDEAS.length]! : SMALL_TALK[i % SMALL_TALK.length]!;
  return { roomId, wxid, text, idea };
}

const ideasIn = (from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i++) if (plan(i).idea) n++;
  return n;
};

function checkTraffic(): void {
  for (const t of SMALL_TALK) if (classifyByRules(t)) throw new Error(`bench small talk is classified as feedback: ${t}`);
  for (const t of IDEAS) if (classifyByRules(t)?.kind !== "idea") throw new Error(`bench idea is not classified as an idea: ${t}`);
}

// ---------------------------------------------------------------- measuring

/** Peak RSS of one phase, sampled every 10 ms (plus at start and end). */
class RssMeter {
  private peak = process.memoryUsage.rss();
  readonly start = this.peak;
  private readonly timer = setInterval(() => this.sample(), 10);
  sample(): void {
    const r = process.memoryUsage.rss();
    if (r > this.peak) this.peak = r;
  }
  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return mb(this.peak);
  }
}
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Keep up to `concurrency` operations in flight until `count` have completed.
 * `start(i)` begins operation i; the caller reports completions through `done`.
 * Returns elapsed ms from the first start to the last completion.
 */
function drive(count: number, concurrency: number, start: (i: number, done: () => void, fail: (err: unknown) => void) => void, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let completed = 0;
    let lastProgress = Date.now();
    const t0 = performance.now();
    const watchdog = setInterval(() => {
      if (Date.now() - lastProgress > STALL_MS) {
        clearInterval(watchdog);
        reject(new Error(`${label}: stalled — ${completed}/${count} done, ${next - completed} in flight, nothing finished for ${STALL_MS / 1000} s`));
      }
    }, 1000);
    const fail = (err: unknown) => {
      clearInterval(watchdog);
      reject(err);
    };
    const launch = () => {
      const i = next++;
      let finished = false;
      try {
        start(i, () => {
          if (finished) return reject(new Error(`${label}: operation ${i} completed twice`));
          finished = true;
          completed++;
          lastProgress = Date.now();
          if (completed === count) {
            clearInterval(watchdog);
            resolve(performance.now() - t0);
          } else if (next < count) {
            // Start the next one outside the completing call's stack.
            queueMicrotask(launch);
          }
        }, fail);
      } catch (err) {
        fail(err);
      }
    };
    for (let k = 0; k < Math.min(concurrency, count); k++) launch();
  });
}

/** Routes onHandled / handler calls to the waiter registered for that message id. */
class Completions {
  private readonly waiting = new Map<string, () => void>();
  /** Completions for ids nobody is waiting for (a bug, unless they are the bot's own replies coming back). */
  extra = 0;
  /** The bot's own replies, which the mock puppet delivers back to it (dropped by admission, still "handled"). */
  selfEchoes = 0;
  expect(id: string, done: () => void): void {
    this.waiting.set(id, done);
  }
  handled(id: string, fromSelf = false): void {
    const done = this.waiting.get(id);
    if (!done) {
      if (fromSelf) this.selfEchoes++;
      else this.extra++;
      return;
    }
    this.waiting.delete(id);
    done();
  }
}

async function waitFor(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Send messages [from, from + count) through the mock world; resolves with elapsed ms. */
function sendMessages(world: MockWorld, completions: Completions, prefix: string, from: number, count: number, label: string): Promise<number> {
  return drive(count, CONCURRENCY, (k, done) => {
    const i = from + k;
    const p = plan(i);
    const id = `${prefix}-${i}`;
    completions.expect(id, done);
    world.say(p.wxid, p.roomId, p.text, { id });
  }, label);
}

// ---------------------------------------------------------------- phases

interface DbResult {
  label: string;
  fullRate: number;
  fullMs: number;
  rawRate: number;
  rawMs: number;
  archivedFull: number;
  archivedRaw: number;
  expectedEach: number;
  feedbackItems: number;
  expectedFeedback: number;
  replies: number;
  rssRawMb: number;
  rssFullMb: number;
  startRssMb: number;
}

const INSERT_SQL = `INSERT INTO "ArchivedMessage" (channel, "externalId", "groupId", "memberId", "candidateId", kind, text, "sentAt", backlog)
         VALUES ($1, $2, $3, $4, $5, $6::"MessageKind", $7, $8, $9)
         ON CONFLICT (channel, "externalId") DO NOTHING RETURNING id`;

/**
 * One database: start the whole app on it (migrate + demo seed), measure raw inserts
 * through the app's own driver handle, then the full message path, then verify.
 */
async function benchDatabase(label: string, databaseUrl: string): Promise<DbResult> {
  const spoolDir = mkdtempSync(path.join(tmpdir(), "miaopu-bench-spool-"));
  const config = loadConfig({ DATABASE_URL: databaseUrl, SPOOL_DIR: spoolDir, LOG_LEVEL: "silent", HTTP_PORT: "0", WECHATY_PUPPET: "wechaty-puppet-mock", DEMO_DATA: "true" });
  const world = demoWorld();
  const completions = new Completions();
  let replies = 0;
  world.onRoomMessage((l) => {
    if (l.fromBot) replies++;
  });
  let app: App | null = null;
  const startRss = mb(process.memoryUsage.rss());
  try {
    app = await startApp({ config, world, http: false, log: createLogger("silent"), onHandled: (m: ChatMessage) => completions.handled(m.id, m.fromSelf) });
    const ch = app.channel;
    await waitFor(() => ch.isReady() && ch.readySince() !== null, "the bot to log in");
    const sql = app.db.sql;
    const count = async (like: string) => Number((await sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM "ArchivedMessage" WHERE "externalId" LIKE $1`, [like]))[0]!.n);
    const feedbackCount = async () => Number((await sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM "FeedbackItem"`))[0]!.n);

    // Rows for the raw inserts: the same senders and groups the messages come from.
    const members = await sql.query<{ id: number; candidateId: number | null; externalId: string }>(
      `SELECT id, "candidateId", "externalId" FROM "ChatMember" WHERE channel = 'wechat'`);
    const groups = await sql.query<{ id: number; externalId: string }>(`SELECT id, "externalId" FROM "LiaisonGroup" WHERE channel = 'wechat'`);
    const memberBy = new Map(members.map((m) => [m.externalId, m]));
    const groupBy = new Map(groups.map((g) => [g.externalId, g.id]));
    const rawRow = (i: number) => {
      const p = plan(i);
      const m = memberBy.get(p.wxid);
      const g = groupBy.get(p.roomId);
      if (!m || g === undefined) throw new Error(`demo seed lacks ${p.wxid} or ${p.roomId}`);
      return ["wechat", `bench-raw-${i}`, g, m.id, m.candidateId, "text", p.text, new Date().toISOString(), false];
    };
    const rawInsert = (from: number, n: string, cnt: number) =>
      drive(cnt, CONCURRENCY, (k, done, fail) => {
        sql.query<{ id: number }>(INSERT_SQL, rawRow(from + k)).then((rows) => {
          if (rows.length !== 1) throw new Error(`raw insert ${from + k} inserted ${rows.length} rows`);
          done();
        }).catch(fail);
      }, `${label} raw ${n}`);

    // 1. raw inserts (warm-up, then measured)
    progress(`${label}: raw insert warm-up (${WARMUP})`);
    await rawInsert(0, "warm-up", WARMUP);
    progress(`${label}: raw insert × ${N}, ${CONCURRENCY} in flight`);
    const rawMeter = new RssMeter();
    const rawMs = await rawInsert(WARMUP, "measured", N);
    const rssRawMb = rawMeter.stop();
    progress(`${label}: raw ${fmt((N / rawMs) * 1000)} rows/s`);

    // 2. the full path (warm-up, then measured)
    const feedbackBefore = await feedbackCount();
    const repliesBefore = replies;
    progress(`${label}: full path warm-up (${WARMUP})`);
    await sendMessages(world, completions, "bench-full", 0, WARMUP, `${label} full warm-up`);
    progress(`${label}: full path × ${N}, ${CONCURRENCY} in flight`);
    const fullMeter = new RssMeter();
    const fullMs = await sendMessages(world, completions, "bench-full", WARMUP, N, `${label} full`);
    const rssFullMb = fullMeter.stop();
    progress(`${label}: full ${fmt((N / fullMs) * 1000)} msgs/s`);
    await app.bot.idle();

    // 3. verify
    const expectedEach = WARMUP + N;
    const archivedFull = await count("bench-full-%");
    const archivedRaw = await count("bench-raw-%");
    const feedbackItems = (await feedbackCount()) - feedbackBefore;
    const expectedFeedback = ideasIn(0, WARMUP + N);
    await waitFor(() => replies - repliesBefore >= expectedFeedback && completions.selfEchoes >= replies, "the bot's replies to ideas", 5000).catch(() => undefined);
    const result: DbResult = {
      label, fullRate: (N / fullMs) * 1000, fullMs, rawRate: (N / rawMs) * 1000, rawMs,
      archivedFull, archivedRaw, expectedEach, feedbackItems, expectedFeedback, replies: replies - repliesBefore,
      rssRawMb, rssFullMb, startRssMb: startRss,
    };
    const problems: string[] = [];
    if (archivedFull !== expectedEach) problems.push(`archive holds ${archivedFull} bench messages, expected ${expectedEach}`);
    if (archivedRaw !== expectedEach) problems.push(`archive holds ${archivedRaw} raw rows, expected ${expectedEach}`);
    if (feedbackItems !== expectedFeedback) problems.push(`${feedbackItems} feedback items created, expected ${expectedFeedback}`);
    if (result.replies !== expectedFeedback) problems.push(`bot sent ${result.replies} replies, expected ${expectedFeedback}`);
    if (completions.extra) problems.push(`${completions.extra} unexpected onHandled calls`);
    if (completions.selfEchoes !== replies) problems.push(`${completions.selfEchoes} of the bot's ${replies} replies came back through onHandled`);
    if (problems.length) throw new Error(`${label}: VERIFICATION FAILED — ${problems.join("; ")}`);
    progress(`${label}: verified ${archivedFull} archived messages, ${feedbackItems} feedback items, ${result.replies} replies`);
    return result;
  } finally {
    await app?.stop();
    rmSync(spoolDir, { recursive: true, force: true });
  }
}

/** The mock puppet through Wechaty and our channel into a handler that only counts. */
async function benchMockNoop(): Promise<{ rate: number; ms: number; rssMb: number }> {
  const world = demoWorld();
  const completions = new Completions();
  const channel = new WechatyChannel({ name: "miaopu-bench-noop", puppet: world.puppet, log: createLogger("silent") });
  channel.onMessage(async (m) => completions.handled(m.id));
  await channel.start();
  try {
    world.login();
    await waitFor(() => channel.isReady(), "the no-op bot to log in");
    progress(`mock → no-op: warm-up (${WARMUP})`);
    await sendMessages(world, completions, "bench-noop", 0, WARMUP, "mock no-op warm-up");
    progress(`mock → no-op: × ${N}, ${CONCURRENCY} in flight`);
    const meter = new RssMeter();
    const ms = await sendMessages(world, completions, "bench-noop", WARMUP, N, "mock no-op");
    progress(`mock → no-op: ${fmt((N / ms) * 1000)} msgs/s`);
    return { rate: (N / ms) * 1000, ms, rssMb: meter.stop() };
  } finally {
    await channel.stop();
  }
}

async function postgresUnreachable(): Promise<string | null> {
  if (process.env.BENCH_POSTGRES === "skip") return "skipped by BENCH_POSTGRES=skip";
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (err) {
    return `PostgreSQL not reachable at ${PG_ADMIN_URL}: ${(err as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const v = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    return v.split(" ")[0]!;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- report

const fmt = (n: number | undefined, digits = 0) => (n === undefined || !Number.isFinite(n) ? "—" : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? "")].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0))));
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell + " ".repeat(widths[c]! - width(cell)) : " ".repeat(widths[c]! - width(cell)) + cell)).join("   "));
}

async function main(): Promise<void> {
  checkTraffic();
  const t0 = Date.now();
  progress(`N=${N} warm-up=${WARMUP} concurrency=${CONCURRENCY} pglite=${PGLITE_MODE}`);

  const noop = await benchMockNoop();

  let pgliteDir: string | null = null;
  let pgliteUrl = "pglite:memory";
  if (PGLITE_MODE === "dir") {
    pgliteDir = mkdtempSync(path.join(tmpdir(), "miaopu-bench-pglite-"));
    pgliteUrl = `pglite:${pgliteDir}`;
  }
  let pglite: DbResult;
  try {
    pglite = await benchDatabase(`PGlite (${PGLITE_MODE === "dir" ? "temp folder" : "in memory"})`, pgliteUrl);
  } finally {
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }

  let postgres: DbResult | null = null;
  const pgWhy = await postgresUnreachable();
  let pgLabel = "PostgreSQL";
  if (pgWhy) {
    progress(`PostgreSQL column skipped: ${pgWhy}`);
  } else {
    pgLabel = `PostgreSQL ${await postgresVersion()}`;
    const created = await createPostgresDatabase();
    try {
      postgres = await benchDatabase(pgLabel, created.url);
    } finally {
      await created.drop();
    }
  }

  const maxRssMb = mb(process.resourceUsage().maxRSS * 1024);
  const elapsed = (Date.now() - t0) / 1000;
  const pgCell = (f: (r: DbResult) => string) => (postgres ? f(postgres) : "skipped");
  const pct = (r: DbResult) => (r.fullRate / r.rawRate) * 100;

  out(`Miaopu bench — ${N} measured messages per phase after ${WARMUP} warm-up, ${CONCURRENCY} in flight, ` +
    `${os.cpus().length} CPUs, Node ${process.version}, ${elapsed.toFixed(0)} s in all`);
  out(`Traffic: ${GROUP_SPEAKERS.reduce((n, [, s]) => n + s.length, 0)} demo members in the 2 bound groups; ` +
    `1 in ${IDEA_EVERY} messages is an idea (feedback item + reply), the rest small talk.`);
  out();
  out(table([
    ["", pglite.label, pgLabel],
    ["1. full path (mock → Wechaty → channel → bot → DB), msgs/s", fmt(pglite.fullRate), pgCell((r) => fmt(r.fullRate))],
    ["2. raw INSERT … ON CONFLICT via the driver, rows/s", fmt(pglite.rawRate), pgCell((r) => fmt(r.rawRate))],
    ["4. full path as % of raw insert (goal ≥ 50%)", `${fmt(pct(pglite), 1)}%`, pgCell((r) => `${fmt(pct(r), 1)}%`)],
    ["   per message: full / raw, ms (wall ÷ N)", `${fmt(pglite.fullMs / N, 3)} / ${fmt(pglite.rawMs / N, 3)}`, pgCell((r) => `${fmt(r.fullMs / N, 3)} / ${fmt(r.rawMs / N, 3)}`)],
    ["   archived bench messages / expected", `${pglite.archivedFull} / ${pglite.expectedEach}`, pgCell((r) => `${r.archivedFull} / ${r.expectedEach}`)],
    ["   raw rows / expected", `${pglite.archivedRaw} / ${pglite.expectedEach}`, pgCell((r) => `${r.archivedRaw} / ${r.expectedEach}`)],
    ["   feedback items = replies = expected", `${pglite.feedbackItems} = ${pglite.replies} = ${pglite.expectedFeedback}`, pgCell((r) => `${r.feedbackItems} = ${r.replies} = ${r.expectedFeedback}`)],
    ["5. RSS at start of column, MB", fmt(pglite.startRssMb, 1), pgCell((r) => fmt(r.startRssMb, 1))],
    ["   peak RSS during raw inserts, MB", fmt(pglite.rssRawMb, 1), pgCell((r) => fmt(r.rssRawMb, 1))],
    ["   peak RSS during full path, MB", fmt(pglite.rssFullMb, 1), pgCell((r) => fmt(r.rssFullMb, 1))],
  ]).join("\n"));
  out();
  out(`3. mock puppet → Wechaty → WechatyChannel → no-op handler: ${fmt(noop.rate)} msgs/s (peak RSS ${fmt(noop.rssMb, 1)} MB)`);
  out(`5. process peak RSS (process.resourceUsage().maxRSS): ${fmt(maxRssMb, 1)} MB`);
  if (pgWhy) out(`PostgreSQL: ${pgWhy}`);
  out(`Notes: raw inserts run the filing statement (same table "ArchivedMessage", same columns, unique ids) through the app's own ` +
    `driver handle — PGlite query() / pg Pool.query() with the app's pool (max 10 connections) — with the same ${CONCURRENCY} in flight. ` +
    `Per-phase RSS is process.memoryUsage.rss() sampled every 10 ms during the measured part; phases run in this order in one process: ` +
    `no-op, PGlite raw, PGlite full, PostgreSQL raw, PostgreSQL full.`);

  const json: Record<string, number> = {
    messages: N,
    concurrency: CONCURRENCY,
    pglite_full_msgs_per_s: round(pglite.fullRate),
    pglite_raw_inserts_per_s: round(pglite.rawRate),
    pglite_full_vs_raw_pct: round(pct(pglite), 1),
  };
  if (postgres) {
    json.postgres_full_msgs_per_s = round(postgres.fullRate);
    json.postgres_raw_inserts_per_s = round(postgres.rawRate);
    json.postgres_full_vs_raw_pct = round(pct(postgres), 1);
  }
  json.mock_noop_msgs_per_s = round(noop.rate);
  json.pglite_peak_rss_full_mb = pglite.rssFullMb;
  if (postgres) json.postgres_peak_rss_full_mb = postgres.rssFullMb;
  json.mock_noop_peak_rss_mb = noop.rssMb;
  json.peak_rss_mb = maxRssMb;
  out(JSON.stringify(json));
}

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

main().then(
  () => {
    // Everything is closed; if some library still holds the loop open, say so and leave anyway.
    const t = setTimeout(() => {
      process.stderr.write("[bench] something kept the event loop alive after the bench; exiting\n");
      process.exit(process.exitCode ?? 0);
    }, 5000);
    t.unref();
  },
  (err) => {
    process.stderr.write(`[bench] FAILED: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
