// Section 6 of `npm run bench`: a county's reminders all due in the same minute.
// 1,000 bound liaison groups, each with a daily online-study reminder at 20:00;
// the reminders job queues one outbox message per group, then the outbox sender(s)
// drain the queue through real Wechaty on the mock puppet at the configured pace.
// Measured: time to queue all, sending rate against the pace, duplicates, missing.
//
// On PostgreSQL two app instances share the database, as two processes would: each
// has its own MockWorld holding every room and its own INSTANCE_ID; both run the
// reminders job for the same minute at once and both senders drain together.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, type App } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/core/logger.ts";
import { MockWorld, type WorldSpec } from "../src/channels/wechaty/mock-world.ts";
import type { SqlRunner } from "../src/db/database.ts";
import { DEFAULT_TEMPLATES } from "../src/domain/reminder-template.ts";

/** The pace the senders are configured with (seconds, as in .env). */
export interface OutboxPace {
  intervalS: number;
  jitterS: number;
}

export interface OutboxBenchResult {
  key: "pglite" | "postgres";
  instances: number;
  groups: number;
  /** Building the MockWorld(s) of `groups` rooms, ms (all instances). */
  worldMs: number;
  /** startApp of every instance (open, migrate, Wechaty login), ms. */
  startMs: number;
  /** Areas, groups and schedules inserted, ms. */
  seedMs: number;
  /** The reminders job for the firing minute, wall time until every instance returned, ms. */
  enqueueMs: number;
  /** Outbox rows queued, per instance. */
  enqueuedBy: number[];
  /** Sender start → first delivery, ms. */
  firstMs: number;
  /** First → last delivery, ms. */
  sendMs: number;
  deliveries: number;
  unique: number;
  duplicates: number;
  missing: number;
  /** Deliveries whose text is not the rendered reminder for that group. */
  wrongText: number;
  /** Deliveries per instance (each instance sends into its own world). */
  sentBy: number[];
  /** Sends per second, first → last delivery: (deliveries − 1) ÷ span. */
  rate: number;
  /** Gaps between consecutive deliveries, ms. */
  gapP50: number;
  gapP99: number;
  gapMax: number;
  /** Outbox rows by status after the run. */
  statuses: Record<string, number>;
  /** CPU of this process (user + system) during the send phase, ms. */
  sendCpuMs: number;
}

const BOT = { wxid: "wxid_bench_bot", name: "苗圃助手" };
export const TOWNSHIPS = 10;
const LINK = "https://www.xuexi.cn";
const TOPIC = "学习强国";

const pad = (i: number) => String(i + 1).padStart(4, "0");
const roomId = (i: number) => `bench-room-${pad(i)}@chatroom`;
const roomTopic = (i: number) => `基准${pad(i)}村联络群`;

/** The mean gap between sends the settings ask for: interval + jitter ÷ 2. */
export const configuredMeanMs = (p: OutboxPace) => (p.intervalS + p.jitterS / 2) * 1000;
export const configuredRate = (p: OutboxPace) => 1000 / configuredMeanMs(p);


/** A world with `groups` rooms, each holding the bot and one member of its own. */
export function benchWorld(groups: number): MockWorld {
  const spec: WorldSpec = {
    bot: BOT,
    people: Array.from({ length: groups }, (_, i) => ({ wxid: `wxid_bench_m${pad(i)}`, name: `成员${pad(i)}` })),
    groups: Array.from({ length: groups }, (_, i) => ({ roomId: roomId(i), topic: roomTopic(i), members: [`wxid_bench_m${pad(i)}`] })),
  };
  return new MockWorld(spec);
}

/** The most recent 20:00 Beijing time (12:00 UTC) at least 10 s ago: the reminders' firing minute. */
export function firingMinute(now = new Date()): Date {
  const t = new Date(now.getTime() - 10_000);
  const at = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), 12, 0, 0));
  if (at > t) at.setUTCDate(at.getUTCDate() - 1);
  return at;
}

/**
 * A county → TOWNSHIPS townships → `groups` villages, one bound wechat group per
 * village, and one daily 20:00 online-study schedule per group, due at `firing`.
 * A handful of set-based statements, so it takes well under a second.
 */
async function seed(sql: SqlRunner, groups: number, firing: Date): Promise<void> {
  await sql.transaction(async (tx) => {
    const [county] = await tx.query<{ id: number }>(
      `INSERT INTO "Area" (name, level, "parentId", path) VALUES ('基准县', 'county', NULL, 'pending:bench-county') RETURNING id`);
    await tx.query(`UPDATE "Area" SET path = '/' || id || '/' WHERE id = $1`, [county!.id]);
    await tx.query(
      `INSERT INTO "Area" (name, level, "parentId", path)
       SELECT '基准' || n || '镇', 'township', $1, 'pending:bench-t' || n FROM generate_series(1, $2::int) AS n`,
      [county!.id, TOWNSHIPS]);
    await tx.query(`UPDATE "Area" SET path = $2 || id || '/' WHERE "parentId" = $1`, [county!.id, `/${county!.id}/`]);
    const townships = await tx.query<{ id: number; path: string }>(`SELECT id, path FROM "Area" WHERE "parentId" = $1 ORDER BY id`, [county!.id]);
    // Village i lies in township i mod TOWNSHIPS.
    const villageNames = Array.from({ length: groups }, (_, i) => `基准${pad(i)}村`);
    const parents = Array.from({ length: groups }, (_, i) => townships[i % townships.length]!.id);
    await tx.query(
      `INSERT INTO "Area" (name, level, "parentId", path)
       SELECT v, 'village', p, 'pending:bench-v' || ord FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS u(v, p, ord)`,
      [villageNames, parents]);
    await tx.query(
      `UPDATE "Area" v SET path = t.path || v.id || '/' FROM "Area" t WHERE v."parentId" = t.id AND t."parentId" = $1`,
      [county!.id]);
    await tx.query(
      `INSERT INTO "LiaisonGroup" (channel, "externalId", topic, "areaId")
       SELECT 'wechat', r, t, a.id FROM unnest($1::text[], $2::text[], $3::text[]) AS u(r, t, v) JOIN "Area" a ON a.name = v AND a.level = 'village'`,
      [Array.from({ length: groups }, (_, i) => roomId(i)), Array.from({ length: groups }, (_, i) => roomTopic(i)), villageNames]);
    await tx.query(
      `INSERT INTO "Schedule" (kind, "groupId", cron, "timeLabel", topic, link, template, "nextFiringAt")
       SELECT 'online_study', g.id, '0 20 * * *', '每天 20:00', $1, $2, $3, $4::timestamp
         FROM "LiaisonGroup" g WHERE g."externalId" LIKE 'bench-room-%'`,
      [TOPIC, LINK, DEFAULT_TEMPLATES.online_study, firing.toISOString()]);
  });
  const [n] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Schedule" WHERE "nextFiringAt" = $1::timestamp AND status = 'active'`, [firing.toISOString()]);
  if (n!.n !== groups) throw new Error(`seeded ${n!.n} due schedules, expected ${groups}`);
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

/**
 * Run the section on one database with `instances` app instances sharing it.
 * Fails (throws) if the firing did not queue exactly one message per group; a
 * duplicate or a missing delivery is reported in the result, and run.ts fails on it
 * after printing.
 */
export async function benchOutbox(opts: {
  key: "pglite" | "postgres";
  databaseUrl: string;
  instances: number;
  groups: number;
  pace: OutboxPace;
  progress: (msg: string) => void;
  /** Called as the run moves from phase to phase (for the RSS sampler). */
  phase?: (name: string) => void;
}): Promise<OutboxBenchResult> {
  const { key, databaseUrl, instances, groups, pace, progress } = opts;
  const label = `${key} outbox`;
  const phase = opts.phase ?? (() => undefined);
  const names = instances === 1 ? ["bench-a"] : Array.from({ length: instances }, (_, i) => `bench-${String.fromCharCode(97 + i)}`);
  const spoolDirs: string[] = [];
  const apps: App[] = [];
  try {
    phase(`outbox-${key}:start`);
    let t = performance.now();
    const worlds = names.map(() => benchWorld(groups));
    const worldMs = performance.now() - t;
    progress(`${label}: ${instances} mock world(s) of ${groups} rooms built in ${fmtMs(worldMs)} ms`);

    // Every delivery, in every world, in order: which world, which room, when, what.
    const deliveries: { world: number; roomId: string; at: number; text: string }[] = [];
    worlds.forEach((w, wi) => w.onRoomMessage((l) => {
      if (l.fromBot) deliveries.push({ world: wi, roomId: l.roomId, at: performance.now(), text: l.text });
    }));

    t = performance.now();
    for (const [i, name] of names.entries()) {
      const spoolDir = mkdtempSync(path.join(tmpdir(), "miaopu-bench-spool-"));
      spoolDirs.push(spoolDir);
      const config = loadConfig({
        DATABASE_URL: databaseUrl, SPOOL_DIR: spoolDir, LOG_LEVEL: "silent", HTTP_PORT: "0", WECHATY_PUPPET: "wechaty-puppet-mock", DEMO_DATA: "false",
        INSTANCE_ID: name,
        OUTBOX_INTERVAL_SECONDS: String(pace.intervalS),
        OUTBOX_JITTER_SECONDS: String(pace.jitterS),
        OUTBOX_CONVERSATION_INTERVAL_SECONDS: "0",
        OUTBOX_DAILY_CAP: "1000000",
        // The pace is what is measured here, not the send budget (README, Security).
        SEND_BUDGET_PER_CHANNEL: "1000000",
      });
      // One after the other: the first migrates the new database.
      const app = await startApp({ config, world: worlds[i]!, http: false, jobs: false, log: createLogger("silent") });
      apps.push(app);
      await waitFor(() => app.channel().isReady(), `${label}: instance ${name} to log in`);
    }
    const startMs = performance.now() - t;

    const sql = apps[0]!.db.sql;
    const firing = firingMinute();
    t = performance.now();
    await seed(sql, groups, firing);
    const seedMs = performance.now() - t;
    progress(`${label}: ${instances} instance(s) started in ${fmtMs(startMs)} ms; ${groups} groups and schedules due ${firing.toISOString()} seeded in ${fmtMs(seedMs)} ms`);

    // (a) The reminders job for the firing minute, on every instance at once.
    phase(`outbox-${key}:enqueue`);
    const jobAt = new Date(firing.getTime() + 5_000);
    t = performance.now();
    const runs = await Promise.all(apps.map((a) => a.runJob("reminders", jobAt)));
    const enqueueMs = performance.now() - t;
    const enqueuedBy = runs.map((r) => r.enqueued ?? 0);
    const [queued] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status = 'pending' AND purpose = 'reminder'`);
    const enqueued = enqueuedBy.reduce((a, b) => a + b, 0);
    progress(`${label}: reminders job queued ${enqueued} (${enqueuedBy.join(" + ")}) in ${fmtMs(enqueueMs)} ms`);
    if (enqueued !== groups || queued!.n !== groups) {
      throw new Error(`${label}: VERIFICATION FAILED — the firing queued ${enqueued} messages (${queued!.n} pending rows), expected ${groups}`);
    }

    // (b) The senders drain the queue together.
    phase(`outbox-${key}:send`);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    for (const a of apps) a.outbox.sender("wechat").start();
    const STALL_MS = 15_000;
    let seen = 0;
    let lastChange = Date.now();
    let lastProgress = Date.now();
    while (new Set(deliveries.map((d) => d.roomId)).size < groups) {
      await new Promise((r) => setTimeout(r, 100));
      if (deliveries.length !== seen) {
        seen = deliveries.length;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > STALL_MS) {
        progress(`${label}: no delivery for ${STALL_MS / 1000} s with ${seen} delivered; stopping`);
        break;
      }
      if (Date.now() - lastProgress > 5_000) {
        lastProgress = Date.now();
        progress(`${label}: ${deliveries.length}/${groups} delivered`);
      }
    }
    // A late duplicate would show up now: let every sender finish what it has in hand,
    // and give the queue one more beat.
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all(apps.map((a) => a.outbox.sender("wechat").stop()));
    const c = process.cpuUsage(cpu);
    await Promise.all(apps.map((a) => a.bot.idle()));

    const perRoom = new Map<string, number>();
    for (const d of deliveries) perRoom.set(d.roomId, (perRoom.get(d.roomId) ?? 0) + 1);
    const unique = perRoom.size;
    const expectedText = (room: string) => {
      const i = Number(room.slice("bench-room-".length, "bench-room-".length + 4)) - 1;
      return roomTopic(i);
    };
    const wrongText = deliveries.filter((d) => !d.text.startsWith(`【学习提醒】${expectedText(d.roomId)}的同志们`) || !d.text.includes(LINK)).length;
    const times = deliveries.map((d) => d.at);
    const gaps = times.slice(1).map((x, i) => x - times[i]!).sort((a, b) => a - b);
    const sendMs = times.length > 1 ? times.at(-1)! - times[0]! : NaN;
    const statusRows = await sql.query<{ status: string; n: number }>(`SELECT status::text AS status, count(*)::int AS n FROM "OutboxMessage" GROUP BY status ORDER BY status`);
    const result: OutboxBenchResult = {
      key, instances, groups, worldMs, startMs, seedMs, enqueueMs, enqueuedBy,
      firstMs: times.length ? times[0]! - t0 : NaN,
      sendMs,
      deliveries: deliveries.length,
      unique,
      duplicates: deliveries.length - unique,
      missing: groups - unique,
      wrongText,
      sentBy: worlds.map((_, wi) => deliveries.filter((d) => d.world === wi).length),
      rate: ((deliveries.length - 1) / sendMs) * 1000,
      gapP50: quantile(gaps, 0.5),
      gapP99: quantile(gaps, 0.99),
      gapMax: gaps.at(-1) ?? NaN,
      statuses: Object.fromEntries(statusRows.map((r) => [r.status, r.n])),
      sendCpuMs: (c.user + c.system) / 1000,
    };
    progress(`${label}: ${result.deliveries} delivered (${result.sentBy.join(" + ")}) in ${fmtMs(sendMs)} ms: ` +
      `${result.rate.toFixed(1)} msgs/s = ${((result.rate / configuredRate(pace)) * 100).toFixed(1)}% of the pace; ` +
      `${result.duplicates} duplicates, ${result.missing} missing`);
    return result;
  } finally {
    phase(`outbox-${key}:stop`);
    for (const a of apps) await a.outbox.sender("wechat").stop().catch(() => undefined);
    await Promise.all(apps.map((a) => a.stop()));
    for (const d of spoolDirs) rmSync(d, { recursive: true, force: true });
  }
}

const fmtMs = (ms: number) => ms.toFixed(0);

async function waitFor(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
