// The scheduler's own engine decides which slot is due on each minute tick; a
// unique JobRun row lets exactly one instance run each slot. The ticks are
// driven by hand with a fixed clock, so the test neither waits nor races the wall clock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createLogger } from "../../src/core/logger.ts";
import { lastSlot, Scheduler } from "../../src/jobs/scheduler.ts";
import { createPostgresDatabase, postgresUnavailable } from "../support/databases.ts";

const skipPg = await postgresUnavailable();
const log = createLogger("silent");
const ZONE = "Asia/Shanghai";

/** An instant given as Beijing wall-clock time, with seconds and ms after the minute. */
function sh(y: number, m: number, d: number, h: number, mi: number, ms = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h - 8, mi) + ms);
}

describe("lastSlot", () => {
  it("is the latest firing in (from, to], month-end lines included", () => {
    expect(lastSlot("0 20 L * *", sh(2027, 2, 28, 19, 0), sh(2027, 2, 28, 21, 0), ZONE)).toEqual(sh(2027, 2, 28, 20, 0));
    expect(lastSlot("0 20 L * *", sh(2027, 2, 27, 19, 0), sh(2027, 2, 27, 21, 0), ZONE)).toBeNull();
    expect(lastSlot("*/15 * * * *", sh(2027, 2, 28, 19, 0), sh(2027, 2, 28, 19, 59), ZONE)).toEqual(sh(2027, 2, 28, 19, 45));
    expect(lastSlot("0 20 * * 0", sh(2027, 2, 28, 20, 0), sh(2027, 2, 28, 21, 0), ZONE)).toBeNull();
  });
});

describe.each([
  ["PGlite, one database shared by two schedulers in one process", "pglite"],
  ["PostgreSQL, two connections pools", "postgres"],
] as const)("Scheduler on %s", (_label, kind) => {
  const skip = kind === "postgres" && skipPg !== null;
  let a: Database;
  let b: Database;
  let drop = async () => {};
  beforeAll(async () => {
    if (skip) return;
    if (kind === "pglite") {
      a = b = await openDatabase("pglite:memory");
    } else {
      const created = await createPostgresDatabase();
      drop = created.drop;
      a = await openDatabase(created.url);
      b = await openDatabase(created.url);
    }
    await migrate(a.sql);
  });
  afterAll(async () => {
    if (skip) return;
    await a.close();
    if (b !== a) await b.close();
    await drop();
  });

  const pair = () => [
    new Scheduler({ sql: a.sql, instance: "one", log, timeZone: ZONE, ticks: "manual" }),
    new Scheduler({ sql: b.sql, instance: "two", log, timeZone: ZONE, ticks: "manual" }),
  ];

  it.skipIf(skip)("runs each slot on exactly one of two instances and records it as done; an L line fires on the month's last day", async () => {
    const runs: { job: string; instance: string; slot: string }[] = [];
    const schedulers = pair();
    schedulers.forEach((s, i) => {
      const instance = i === 0 ? "one" : "two";
      for (const [name, cron] of [["minutely", "* * * * *"], ["month-end", "0 20 L * *"], ["sunday-evening", "0 20 * * 0"]] as const) {
        s.add({ name, cron, run: async (slot) => void runs.push({ job: name, instance, slot: slot.toISOString() }) });
      }
    });
    // Ticks arrive a little after the minute, as timers do; both instances tick at once.
    const ticks = [
      sh(2027, 2, 27, 19, 59, 120),
      sh(2027, 2, 27, 20, 0, 40),
      sh(2027, 2, 27, 20, 1, 900),
      sh(2027, 2, 28, 19, 59, 5),
      sh(2027, 2, 28, 20, 0, 310),
      sh(2027, 2, 28, 20, 1, 75),
    ];
    for (const t of ticks) await Promise.all(schedulers.map((s) => s.tick(t)));
    await Promise.all(schedulers.map((s) => s.stop()));

    const slotsOf = (job: string) => runs.filter((r) => r.job === job).map((r) => r.slot);
    // The slot is the whole minute the engine worked out, whatever the tick's delay.
    expect(slotsOf("minutely").sort()).toEqual(ticks.map((t) => new Date(Math.floor(t.getTime() / 60_000) * 60_000).toISOString()).sort());
    // 27 February 2027 is a Saturday, the 28th a Sunday and the month's last day.
    expect(slotsOf("month-end")).toEqual([sh(2027, 2, 28, 20, 0).toISOString()]);
    expect(slotsOf("sunday-evening")).toEqual([sh(2027, 2, 28, 20, 0).toISOString()]);

    const rows = await a.sql.query<{ job: string; slot: Date; outcome: string; instance: string }>(
      `SELECT job, slot, outcome, instance FROM "JobRun" WHERE job IN ('minutely', 'month-end', 'sunday-evening') ORDER BY job, slot`,
    );
    expect(rows).toHaveLength(runs.length);
    expect(rows.every((r) => r.outcome === "done")).toBe(true);
    const key = (r: { job: string; slot: string; instance: string }) => `${r.job} ${r.slot} ${r.instance}`;
    expect(rows.map((r) => key({ ...r, slot: r.slot.toISOString() })).sort()).toEqual(runs.map(key).sort());
  });

  it.skipIf(skip)("forgets a job's old slots when told to keep only recent ones", async () => {
    const [s] = pair() as [Scheduler];
    let ran = 0;
    s.add({ name: "short-memory", cron: "* * * * *", run: async () => void ran++, keepMs: 2 * 60_000 });
    for (let mi = 0; mi < 6; mi++) await s.tick(sh(2027, 3, 1, 9, mi, 200));
    await s.stop();
    const rows = await a.sql.query<{ slot: Date }>(`SELECT slot FROM "JobRun" WHERE job = 'short-memory' ORDER BY slot`);
    expect(ran).toBe(6);
    expect(rows.map((r) => r.slot)).toEqual([sh(2027, 3, 1, 9, 3), sh(2027, 3, 1, 9, 4), sh(2027, 3, 1, 9, 5)]);
  });

  it.skipIf(skip)("leaves a slot to another instance while its own run of the job is still going", async () => {
    const [one, two] = pair() as [Scheduler, Scheduler];
    const ran: string[] = [];
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let started = () => {};
    const running = new Promise<void>((r) => (started = r));
    one.add({ name: "slow", cron: "* * * * *", run: async (slot) => { ran.push(`one ${slot.toISOString()}`); started(); await gate; } });
    two.add({ name: "slow", cron: "* * * * *", run: async (slot) => void ran.push(`two ${slot.toISOString()}`) });
    const first = one.tick(sh(2027, 3, 2, 9, 0, 100));
    await running;
    await one.tick(sh(2027, 3, 2, 9, 1, 100));
    await two.tick(sh(2027, 3, 2, 9, 1, 300));
    release();
    await first;
    await Promise.all([one.stop(), two.stop()]);
    expect(ran).toEqual([`one ${sh(2027, 3, 2, 9, 0).toISOString()}`, `two ${sh(2027, 3, 2, 9, 1).toISOString()}`]);
  });

  it.skipIf(skip)("refuses a line its engine cannot run, such as six fields with seconds", () => {
    const [s] = pair() as [Scheduler];
    expect(() => s.add({ name: "seconds", cron: "* * * * * *", run: async () => {} })).toThrow(/5段/);
  });
});
