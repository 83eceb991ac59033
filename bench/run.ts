// `npm run bench`: message throughput of the whole bot, side by side on PGlite and
// PostgreSQL, against each database's raw single-row insert rate and against the
// mock puppet alone. See bench/README.md for what each number means.
//
// Settings (environment):
//   BENCH_MESSAGES     measured messages (and raw inserts) per column (default 15000)
//   BENCH_WARMUP       warm-up messages per phase, not counted (default 200)
//   BENCH_CONCURRENCY  messages (or inserts) kept in flight (default 32)
//   BENCH_ROUNDS       raw/full rounds the measured work is split into (default 10)
//   BENCH_ONLY         comma list of noop,pglite,postgres,outbox to run only those (default all);
//                      `npm run bench -- --only=outbox` does the same
//   BENCH_PGLITE       "memory" (default) or "dir" (a temp folder, as in production)
//   BENCH_POSTGRES     "skip" to leave PostgreSQL out
//   TEST_PG_URL        admin URL of the PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/postgres)
//   BENCH_OUTBOX_GROUPS       section 6: groups due in the same minute (default 1000)
//   BENCH_OUTBOX_INTERVAL_MS  section 6: the senders' OUTBOX_INTERVAL_SECONDS, in ms (default 10)
//   BENCH_OUTBOX_JITTER_MS    section 6: the senders' OUTBOX_JITTER_SECONDS, in ms (default 4)
import { out } from "./quiet.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import os from "node:os";
import path from "node:path";
import { startApp, demoWorld, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/core/logger.ts";
import type { ChatMessage } from "../src/core/chat-message.ts";
import { WechatyChannel } from "../src/channels/wechaty/wechaty-channel.ts";
import type { MockWorld } from "../src/channels/wechaty/mock-world.ts";
import { classifyByRules } from "../src/domain/classifier-rules.ts";
import { ARCHIVE_INSERT } from "../src/features/filing/service.ts";
import { createPostgresDatabase, postgresUnreachable as unreachable, postgresVersion, PG_ADMIN_URL } from "../test/support/databases.ts";
import { benchOutbox, configuredRate, TOWNSHIPS, type OutboxBenchResult, type OutboxPace } from "./outbox.ts";
import { SECTIONS as EXTRA_SECTIONS, type SectionResult } from "./sections.ts";

const N = intEnv("BENCH_MESSAGES", 15000);
const WARMUP = intEnv("BENCH_WARMUP", 200);
const CONCURRENCY = intEnv("BENCH_CONCURRENCY", 32);
const ROUNDS = intEnv("BENCH_ROUNDS", 10);
const SECTIONS = ["noop", "pglite", "postgres", "outbox", ...EXTRA_SECTIONS.map((x) => x.name)];
const ONLY = new Set((process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length) ?? process.env.BENCH_ONLY ?? SECTIONS.join(",")).split(",").map((x) => x.trim()));
for (const s of ONLY) if (!SECTIONS.includes(s)) throw new Error(`BENCH_ONLY / --only: unknown part ${JSON.stringify(s)}; expected some of ${SECTIONS.join(",")}`);
/** Sections 1–5 (message throughput), as opposed to section 6 (the outbox). */
const MESSAGE_PARTS = ONLY.has("noop") || ONLY.has("pglite") || ONLY.has("postgres");
const OUTBOX_GROUPS = intEnv("BENCH_OUTBOX_GROUPS", 1000);
const OUTBOX_PACE: OutboxPace = { intervalS: msEnv("BENCH_OUTBOX_INTERVAL_MS", 10) / 1000, jitterS: msEnv("BENCH_OUTBOX_JITTER_MS", 4) / 1000 };
/** Instances sharing the PostgreSQL database in section 6. */
const OUTBOX_PG_INSTANCES = 2;
const PGLITE_MODE = process.env.BENCH_PGLITE === "dir" ? "dir" : "memory";
const STALL_MS = 30_000;

function intEnv(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

function msEnv(name: string, dflt: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of milliseconds ≥ 0, got ${JSON.stringify(v)}`);
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

/**
 * Peak RSS per phase: process.memoryUsage.rss() sampled every 10 ms for the whole
 * run, each sample charged to the phase running at the time.
 */
class RssByPhase {
  private current = "start";
  readonly peaks = new Map<string, number>();
  private readonly timer = setInterval(() => this.sample(), 10);
  constructor() {
    this.timer.unref();
    this.sample();
  }
  phase(name: string): void {
    this.sample();
    this.current = name;
    this.sample();
  }
  sample(): void {
    const r = process.memoryUsage.rss();
    if (r > (this.peaks.get(this.current) ?? 0)) this.peaks.set(this.current, r);
  }
  peakMb(...names: string[]): number {
    return mb(Math.max(0, ...names.map((n) => this.peaks.get(n) ?? 0)));
  }
  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}
const rss = new RssByPhase();
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
  key: "pglite" | "postgres";
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
  /** CPU time of this process (user + system) during the measured part, ms. */
  rawCpuMs: number;
  fullCpuMs: number;
}


/** Split n into `rounds` nearly equal parts. */
const chunks = (n: number, rounds: number) => Array.from({ length: Math.min(rounds, n) }, (_, r) => Math.floor((n * (r + 1)) / Math.min(rounds, n)) - Math.floor((n * r) / Math.min(rounds, n)));

/**
 * One database: start the whole app on it (migrate + demo seed), then in ROUNDS
 * alternating rounds measure raw inserts through the app's own driver handle and
 * the full message path (alternating, so a change in background load hits both),
 * then verify the archive.
 */
async function benchDatabase(key: "pglite" | "postgres", label: string, databaseUrl: string): Promise<DbResult> {
  const spoolDir = mkdtempSync(path.join(tmpdir(), "miaopu-bench-spool-"));
  // Filing throughput is measured, not the send budget: every 20th message is answered.
  const roomy = { SEND_BUDGET_PER_SENDER: "1000000", SEND_BUDGET_PER_GROUP: "1000000", SEND_BUDGET_PER_CHANNEL: "1000000" };
  const config = loadConfig({ DATABASE_URL: databaseUrl, SPOOL_DIR: spoolDir, LOG_LEVEL: "silent", HTTP_PORT: "0", WECHATY_PUPPET: "wechaty-puppet-mock", DEMO_DATA: "true", ...roomy });
  const world = demoWorld();
  const completions = new Completions();
  let replies = 0;
  world.onRoomMessage((l) => {
    if (l.fromBot) replies++;
  });
  let app: App | null = null;
  rss.phase(`${key}:start`);
  try {
    app = await startApp({ config, world, http: false, log: createLogger("silent"), onHandled: (m: ChatMessage) => completions.handled(m.id, m.fromSelf) });
    const ch = app.channel();
    await waitFor(() => ch.isReady() && ch.readySince() !== null, "the bot to log in");
    const sql = app.db.sql;
    const count = async (like: string) => Number((await sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM "ArchivedMessage" WHERE "externalId" LIKE $1`, [like]))[0]!.n);
    const feedbackCount = async () => Number((await sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM "FeedbackItem"`))[0]!.n);

    // Rows for the raw inserts: the same senders, groups and texts the messages have.
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
      const now = new Date().toISOString();
      return ["wechat", `bench-raw-${i}`, g, m.id, m.candidateId, "text", p.text, now, false, now];
    };
    const rawInsert = (from: number, cnt: number, what: string) =>
      drive(cnt, CONCURRENCY, (k, done, fail) => {
        sql.query<{ id: number }>(ARCHIVE_INSERT, rawRow(from + k)).then((rows) => {
          if (rows.length !== 1) throw new Error(`raw insert ${from + k} inserted ${rows.length} rows`);
          done();
        }).catch(fail);
      }, `${label} raw ${what}`);

    const feedbackBefore = await feedbackCount();
    const repliesBefore = replies;
    rss.phase(`${key}:warm-up`);
    progress(`${label}: warm-up, ${WARMUP} raw inserts and ${WARMUP} messages`);
    await rawInsert(0, WARMUP, "warm-up");
    await sendMessages(world, completions, "bench-full", 0, WARMUP, `${label} full warm-up`);

    let rawMs = 0;
    let fullMs = 0;
    let rawCpuMs = 0;
    let fullCpuMs = 0;
    const cpuMs = (since: NodeJS.CpuUsage) => {
      const c = process.cpuUsage(since);
      return (c.user + c.system) / 1000;
    };
    let at = WARMUP;
    const parts = chunks(N, ROUNDS);
    for (const [r, n] of parts.entries()) {
      rss.phase(`${key}:raw`);
      let cpu = process.cpuUsage();
      const rMs = await rawInsert(at, n, `round ${r + 1}`);
      rawCpuMs += cpuMs(cpu);
      rss.phase(`${key}:full`);
      cpu = process.cpuUsage();
      const fMs = await sendMessages(world, completions, "bench-full", at, n, `${label} full round ${r + 1}`);
      fullCpuMs += cpuMs(cpu);
      rss.phase(`${key}:verify`);
      rawMs += rMs;
      fullMs += fMs;
      at += n;
      progress(`${label}: round ${r + 1}/${parts.length} × ${n}: raw ${fmt((n / rMs) * 1000)} rows/s, full ${fmt((n / fMs) * 1000)} msgs/s`);
    }
    await app.bot.idle();

    const expectedEach = WARMUP + N;
    const archivedFull = await count("bench-full-%");
    const archivedRaw = await count("bench-raw-%");
    const feedbackItems = (await feedbackCount()) - feedbackBefore;
    const expectedFeedback = ideasIn(0, WARMUP + N);
    await waitFor(() => replies - repliesBefore >= expectedFeedback && completions.selfEchoes >= replies, "the bot's replies to ideas", 5000).catch(() => undefined);
    const result: DbResult = {
      key, label, fullRate: (N / fullMs) * 1000, fullMs, rawRate: (N / rawMs) * 1000, rawMs,
      archivedFull, archivedRaw, expectedEach, feedbackItems, expectedFeedback, replies: replies - repliesBefore,
      rawCpuMs, fullCpuMs,
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
    rss.phase(`${key}:stop`);
    await app?.stop();
    rmSync(spoolDir, { recursive: true, force: true });
    rss.phase("between");
  }
}

/** The mock puppet through Wechaty and our channel into a handler that only counts. */
async function benchMockNoop(): Promise<{ rate: number; ms: number; cpuMs: number }> {
  rss.phase("noop:start");
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
    rss.phase("noop:run");
    const cpu = process.cpuUsage();
    const ms = await sendMessages(world, completions, "bench-noop", WARMUP, N, "mock no-op");
    const c = process.cpuUsage(cpu);
    progress(`mock → no-op: × ${N}: ${fmt((N / ms) * 1000)} msgs/s`);
    return { rate: (N / ms) * 1000, ms, cpuMs: (c.user + c.system) / 1000 };
  } finally {
    rss.phase("noop:stop");
    await channel.stop();
    rss.phase("between");
  }
}

async function postgresUnreachable(): Promise<string | null> {
  if (process.env.BENCH_POSTGRES === "skip") return "skipped by BENCH_POSTGRES=skip";
  return unreachable();
}

/**
 * Section 6 on both databases: PostgreSQL (two instances sharing a throwaway
 * database) first, then PGlite (one instance), as sections 1–5 order them.
 */
async function benchOutboxBoth(): Promise<{ pglite: OutboxBenchResult | null; postgres: OutboxBenchResult | null; pgWhy: string | null }> {
  progress(`outbox: ${OUTBOX_GROUPS} groups due in one minute; pace ${OUTBOX_PACE.intervalS * 1000} ms + 0–${OUTBOX_PACE.jitterS * 1000} ms jitter = ${fmt(configuredRate(OUTBOX_PACE), 1)} msgs/s`);
  const run = (key: "pglite" | "postgres", databaseUrl: string, instances: number) =>
    benchOutbox({ key, databaseUrl, instances, groups: OUTBOX_GROUPS, pace: OUTBOX_PACE, progress, phase: (p) => rss.phase(p) });
  let postgres: OutboxBenchResult | null = null;
  let pgWhy: string | null = await postgresUnreachable();
  if (pgWhy) {
    progress(`outbox on PostgreSQL skipped: ${pgWhy}`);
  } else {
    let created: Awaited<ReturnType<typeof createPostgresDatabase>> | null = null;
    try {
      created = await createPostgresDatabase("miaopu_bench_outbox");
    } catch (err) {
      pgWhy = `could not create a throwaway database: ${(err as Error).message}`;
      progress(`outbox on PostgreSQL skipped: ${pgWhy}`);
    }
    if (created) {
      const db = created;
      const onSignal = () => {
        progress(`interrupted: dropping the throwaway PostgreSQL database ${db.name}`);
        void db.drop().finally(() => process.exit(130));
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        postgres = await run("postgres", db.url, OUTBOX_PG_INSTANCES);
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        await db.drop();
        rss.phase("between");
      }
    }
  }
  let pgliteDir: string | null = null;
  let pgliteUrl = "pglite:memory";
  if (PGLITE_MODE === "dir") {
    pgliteDir = mkdtempSync(path.join(tmpdir(), "miaopu-bench-pglite-"));
    pgliteUrl = `pglite:${pgliteDir}`;
  }
  try {
    return { pglite: await run("pglite", pgliteUrl, 1), postgres, pgWhy };
  } finally {
    rss.phase("between");
    if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
  }
}

/** What makes section 6 fail the run: anything sent twice, not sent, or sent wrong. */
function outboxProblems(r: OutboxBenchResult): string[] {
  const p: string[] = [];
  if (r.duplicates) p.push(`${r.duplicates} duplicate deliveries`);
  if (r.missing) p.push(`${r.missing} groups got no reminder`);
  if (r.wrongText) p.push(`${r.wrongText} deliveries with the wrong text`);
  if ((r.statuses.sent ?? 0) !== r.groups) p.push(`outbox rows by status ${JSON.stringify(r.statuses)}, expected ${r.groups} sent`);
  return p;
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
  const loadBefore = os.loadavg()[0]!;
  if (MESSAGE_PARTS) progress(`N=${N} warm-up=${WARMUP} concurrency=${CONCURRENCY} rounds=${ROUNDS} pglite=${PGLITE_MODE}`);

  const noop = ONLY.has("noop") ? await benchMockNoop() : null;

  // PostgreSQL first: PGlite's WebAssembly heap is not handed back to the OS after it
  // closes, so whatever runs after it would inherit its RSS.
  let postgres: DbResult | null = null;
  let pgWhy: string | null = ONLY.has("postgres") ? await postgresUnreachable() : "not run (BENCH_ONLY)";
  let pgLabel = "PostgreSQL";
  if (pgWhy) {
    if (MESSAGE_PARTS) progress(`PostgreSQL column skipped: ${pgWhy}`);
  } else {
    pgLabel = `PostgreSQL ${await postgresVersion()}`;
    let created: Awaited<ReturnType<typeof createPostgresDatabase>> | null = null;
    try {
      created = await createPostgresDatabase("miaopu_bench");
    } catch (err) {
      pgWhy = `could not create a throwaway database: ${(err as Error).message}`;
      progress(`PostgreSQL column skipped: ${pgWhy}`);
    }
    if (created) {
      // Drop the throwaway database on Ctrl-C too.
      const db = created;
      const onSignal = () => {
        progress(`interrupted: dropping the throwaway PostgreSQL database ${db.name}`);
        void db.drop().finally(() => process.exit(130));
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        postgres = await benchDatabase("postgres", pgLabel, created.url);
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
        await db.drop();
      }
    }
  }
  let pglite: DbResult | null = null;
  if (ONLY.has("pglite")) {
    let pgliteDir: string | null = null;
    let pgliteUrl = "pglite:memory";
    if (PGLITE_MODE === "dir") {
      pgliteDir = mkdtempSync(path.join(tmpdir(), "miaopu-bench-pglite-"));
      pgliteUrl = `pglite:${pgliteDir}`;
    }
    try {
      pglite = await benchDatabase("pglite", `PGlite (${PGLITE_MODE === "dir" ? "temp folder" : "in memory"})`, pgliteUrl);
    } finally {
      if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    }
  }

  // Sections 1–5's process peak, before section 6 adds its own worlds and databases.
  const maxRssMb = mb(process.resourceUsage().maxRSS * 1024);

  const ob = ONLY.has("outbox") ? await benchOutboxBoth() : null;
  if (ob?.postgres && !postgres) pgLabel = `PostgreSQL ${await postgresVersion()}`;

  const extra: { title: string; result: SectionResult }[] = [];
  for (const section of EXTRA_SECTIONS.filter((x) => ONLY.has(x.name))) {
    progress(`section ${section.name}: ${section.title}`);
    rss.phase(`section-${section.name}`);
    extra.push({ title: section.title, result: await section.run((msg) => progress(`${section.name}: ${msg}`)) });
  }

  rss.stop();

  const elapsed = (Date.now() - t0) / 1000;
  const loadAfter = os.loadavg()[0]!;
  const pct = (r: DbResult) => (r.fullRate / r.rawRate) * 100;
  const cols: (DbResult | null)[] = [pglite, postgres];
  const cell = (f: (r: DbResult) => string) => cols.map((r, i) => (r ? f(r) : i === 0 ? "not run" : "skipped"));

  const machine = `${os.cpus().length} CPUs, Node ${process.version}, ${elapsed.toFixed(0)} s in all, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`;
  if (MESSAGE_PARTS) out(`Miaopu bench — ${N} measured messages per column after ${WARMUP} warm-up, ${CONCURRENCY} in flight, ${machine}`);
  else out(`Miaopu bench — only the sections asked for (BENCH_ONLY=${[...ONLY].join(",")}), ${machine}`);
  // Only the load before the start tells about other processes: the bench itself keeps
  // 1.5–2 CPUs busy (Node, PostgreSQL backends), which shows in the load after.
  if (loadBefore > os.cpus().length) {
    out(`WARNING: the machine was already busy (1-minute load average ${loadBefore.toFixed(1)} at the start, ${os.cpus().length} CPUs): ` +
      `wall-clock rates are depressed and noisy; the CPU ms per message rows are steadier.`);
  }
  if (MESSAGE_PARTS) {
    out(`Traffic: ${GROUP_SPEAKERS.reduce((n, [, s]) => n + s.length, 0)} demo members in the 2 bound groups; ` +
      `1 in ${IDEA_EVERY} messages is an idea (feedback item + reply), the rest small talk.`);
  }
  out();
  const pgliteLabel = pglite?.label ?? (ob ? `PGlite (${PGLITE_MODE === "dir" ? "temp folder" : "in memory"})` : "PGlite");
  const messageRows = [
    ["1. full path (mock → Wechaty → channel → bot → DB), msgs/s", ...cell((r) => fmt(r.fullRate))],
    ["2. raw INSERT … ON CONFLICT via the driver, rows/s", ...cell((r) => fmt(r.rawRate))],
    ["4. full path as % of raw insert (goal ≥ 50%)", ...cell((r) => `${fmt(pct(r), 1)}%`)],
    ["   per message, full / raw: ms of wall time ÷ N", ...cell((r) => `${fmt(r.fullMs / N, 3)} / ${fmt(r.rawMs / N, 3)}`)],
    ["   per message, full / raw: ms of this process's CPU", ...cell((r) => `${fmt(r.fullCpuMs / N, 3)} / ${fmt(r.rawCpuMs / N, 3)}`)],
    ["   archived bench messages / expected", ...cell((r) => `${r.archivedFull} / ${r.expectedEach}`)],
    ["   raw rows / expected", ...cell((r) => `${r.archivedRaw} / ${r.expectedEach}`)],
    ["   feedback items = bot replies = expected", ...cell((r) => `${r.feedbackItems} = ${r.replies} = ${r.expectedFeedback}`)],
    ["5. peak RSS, MB: start-up (open, migrate, seed, login)", ...cell((r) => fmt(rss.peakMb(`${r.key}:start`), 1))],
    ["   … during raw inserts", ...cell((r) => fmt(rss.peakMb(`${r.key}:raw`), 1))],
    ["   … during full path", ...cell((r) => fmt(rss.peakMb(`${r.key}:full`), 1))],
    ["   … during shutdown", ...cell((r) => fmt(rss.peakMb(`${r.key}:stop`), 1))],
  ];
  out(table([["", pgliteLabel, pgLabel], ...(MESSAGE_PARTS ? messageRows : []), ...(ob ? outboxRows(ob) : [])]).join("\n"));
  out();
  if (noop) out(`3. mock puppet → Wechaty → WechatyChannel → no-op handler: ${fmt(noop.rate)} msgs/s, ${fmt(noop.cpuMs / N, 3)} ms CPU per message (peak RSS ${fmt(rss.peakMb("noop:run"), 1)} MB)`);
  if (MESSAGE_PARTS) out(`5. process peak RSS (process.resourceUsage().maxRSS) in sections 1–5: ${fmt(maxRssMb, 1)} MB`);
  if (ob) out(outboxNotes(ob));
  if (ob?.pgWhy) out(`PostgreSQL (section 6): ${ob.pgWhy}`);
  if (MESSAGE_PARTS && pgWhy) out(`PostgreSQL: ${pgWhy}`);
  else if (MESSAGE_PARTS || !ob?.pgWhy) out(`PostgreSQL: throwaway database on ${PG_ADMIN_URL.replace(/\/[^/]*$/, "/")}miaopu_bench_…, dropped at the end.`);
  if (MESSAGE_PARTS) out(`Notes: raw inserts run the filing statement (table "ArchivedMessage", same columns and values, unique ids) through the app's own ` +
    `driver handle — PGlite query() / pg Pool.query() on the app's pool (max 10 connections) — with the same ${CONCURRENCY} in flight. ` +
    `Raw and full alternate in ${Math.min(ROUNDS, N)} rounds on the same database so background load affects both alike. ` +
    `Per-phase RSS is process.memoryUsage.rss() sampled every 10 ms and charged to the phase running; phases run in one process ` +
    `in this order: no-op, PostgreSQL, PGlite (PGlite last because its WebAssembly heap stays in RSS after it closes)` +
    `${ob ? ", then section 6 in the same order" : ""}.`);

  const json: Record<string, number> = MESSAGE_PARTS ? { messages: N, concurrency: CONCURRENCY } : {};
  for (const r of cols) {
    if (!r) continue;
    json[`${r.key}_full_msgs_per_s`] = round(r.fullRate);
    json[`${r.key}_raw_inserts_per_s`] = round(r.rawRate);
    json[`${r.key}_full_vs_raw_pct`] = round(pct(r), 1);
    json[`${r.key}_full_cpu_ms_per_msg`] = round(r.fullCpuMs / N, 3);
    json[`${r.key}_raw_cpu_ms_per_insert`] = round(r.rawCpuMs / N, 3);
  }
  if (noop) json.mock_noop_msgs_per_s = round(noop.rate);
  for (const r of cols) if (r) json[`${r.key}_peak_rss_mb`] = rss.peakMb(`${r.key}:start`, `${r.key}:warm-up`, `${r.key}:raw`, `${r.key}:full`, `${r.key}:verify`, `${r.key}:stop`);
  if (noop) json.mock_noop_peak_rss_mb = rss.peakMb("noop:start", "noop:run", "noop:stop");
  if (MESSAGE_PARTS) json.peak_rss_mb = maxRssMb;
  const obProblems: string[] = [];
  if (ob) {
    json.outbox_groups = OUTBOX_GROUPS;
    json.outbox_pace_msgs_per_s = round(configuredRate(OUTBOX_PACE), 1);
    for (const r of [ob.pglite, ob.postgres]) {
      if (!r) continue;
      json[`${r.key}_outbox_instances`] = r.instances;
      json[`${r.key}_reminders_enqueue_ms`] = round(r.enqueueMs);
      json[`${r.key}_outbox_msgs_per_s`] = round(r.rate, 1);
      json[`${r.key}_outbox_pct_of_pace`] = round(pctOfPace(r), 1);
      json[`${r.key}_outbox_duplicates`] = r.duplicates;
      json[`${r.key}_outbox_missing`] = r.missing;
      json[`${r.key}_outbox_gap_p99_ms`] = round(r.gapP99, 1);
      json[`${r.key}_outbox_cpu_ms_per_send`] = round(r.sendCpuMs / r.deliveries, 2);
      json[`${r.key}_outbox_peak_rss_mb`] = rss.peakMb(`outbox-${r.key}:start`, `outbox-${r.key}:enqueue`, `outbox-${r.key}:send`, `outbox-${r.key}:stop`);
      obProblems.push(...outboxProblems(r).map((p) => `${r.key}: ${p}`));
    }
  }
  for (const { title, result } of extra) {
    out();
    out(title);
    for (const line of result.lines) out(`   ${line}`);
    Object.assign(json, result.json);
    obProblems.push(...(result.problems ?? []).map((p) => `${title}: ${p}`));
  }
  out(JSON.stringify(json));
  if (obProblems.length) {
    process.stderr.write(`[bench] VERIFICATION FAILED — ${obProblems.join("; ")}\n`);
    process.exitCode = 1;
  }
}

const pctOfPace = (r: OutboxBenchResult) => (r.rate / configuredRate(OUTBOX_PACE)) * 100;

/** Section 6 of the table: PGlite (one instance) and PostgreSQL (two instances sharing the database). */
function outboxRows(ob: { pglite: OutboxBenchResult | null; postgres: OutboxBenchResult | null }): string[][] {
  const cols = [ob.pglite, ob.postgres];
  const cell = (f: (r: OutboxBenchResult) => string) => cols.map((r) => (r ? f(r) : "skipped"));
  const groups = fmt(OUTBOX_GROUPS);
  const split = (xs: number[]) => xs.map((x) => fmt(x)).join(" + ");
  const { intervalS, jitterS } = OUTBOX_PACE;
  return [
    [`6. reminders: ${groups} groups due in one minute (PostgreSQL: ${OUTBOX_PG_INSTANCES} instances, one database)`, "", ""],
    [`   reminders job → ${groups} outbox rows, ms (rows queued by each instance)`, ...cell((r) => `${fmt(r.enqueueMs)} (${split(r.enqueuedBy)})`)],
    ["   sending rate, first → last delivery, msgs/s", ...cell((r) => fmt(r.rate, 1))],
    [`   configured pace: ${fmt(intervalS * 1000, 1)} ms + 0–${fmt(jitterS * 1000, 1)} ms jitter, msgs/s`, ...cell(() => fmt(configuredRate(OUTBOX_PACE), 1))],
    ["   rate as % of pace (goal 95–105%)", ...cell((r) => `${fmt(pctOfPace(r), 1)}%${Math.abs(pctOfPace(r) - 100) > 5 ? " (outside)" : ""}`)],
    ["   duplicates / missing (goal 0 / 0)", ...cell((r) => `${r.duplicates} / ${r.missing}`)],
    ["   delivered by each instance", ...cell((r) => split(r.sentBy))],
    ["   gap between deliveries, ms: median / p99 / max", ...cell((r) => `${fmt(r.gapP50, 1)} / ${fmt(r.gapP99, 1)} / ${fmt(r.gapMax)}`)],
    ["   ms of this process's CPU per send (all instances)", ...cell((r) => fmt(r.sendCpuMs / r.deliveries, 2))],
    ["   process peak RSS in this part, MB (incl. what earlier parts left)", ...cell((r) => fmt(rss.peakMb(`outbox-${r.key}:start`, `outbox-${r.key}:enqueue`, `outbox-${r.key}:send`, `outbox-${r.key}:stop`), 1))],
  ];
}

function outboxNotes(ob: { pglite: OutboxBenchResult | null; postgres: OutboxBenchResult | null }): string {
  const rs = [ob.pglite, ob.postgres].filter((r): r is OutboxBenchResult => r !== null);
  const each = rs.map((r) => `${r.key === "pglite" ? "PGlite" : "PostgreSQL"}: ${r.instances} world(s) built in ${fmt(r.worldMs)} ms, ` +
    `instance(s) started in ${fmt(r.startMs)} ms, seeded in ${fmt(r.seedMs)} ms, first delivery ${fmt(r.firstMs)} ms after the senders started`).join("; ");
  return `6. ${fmt(OUTBOX_GROUPS)} bound groups (county → ${TOWNSHIPS} townships → villages), each with a daily 20:00 online-study schedule due in the same minute; ` +
    `each instance has its own MockWorld with every room (bot + one member), real Wechaty on the mock puppet, jobs off; ` +
    `the reminders job runs for that minute (on every instance at once), then the senders start and drain the queue. ` +
    `Pace = OUTBOX_INTERVAL_SECONDS + OUTBOX_JITTER_SECONDS ÷ 2 per send, shared per channel through the OutboxChannel row; ` +
    `rate = (deliveries − 1) ÷ (last − first delivery); duplicates = deliveries − rooms reached, over all worlds. ${each}.`;
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
