// node-cron fires the jobs; its run coordinator, backed by a unique JobRun row,
// lets exactly one instance run each slot. node-cron's six-field form (seconds)
// makes a slot every second, so two instances can race for a few slots quickly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createLogger } from "../../src/core/logger.ts";
import { Scheduler } from "../../src/jobs/scheduler.ts";
import { createPostgresDatabase, postgresUnavailable } from "../support/databases.ts";

const skipPg = await postgresUnavailable();
const log = createLogger("silent");

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

  it.skipIf(skip)("runs each slot on exactly one instance and records it as done", async () => {
    const runs: { instance: string; slot: string; ranAt: number }[] = [];
    const schedulers = [
      new Scheduler({ sql: a.sql, instance: "one", log, timeZone: "Asia/Shanghai" }),
      new Scheduler({ sql: b.sql, instance: "two", log, timeZone: "Asia/Shanghai" }),
    ];
    schedulers.forEach((s, i) =>
      s.add({ name: "every-second", cron: "* * * * * *", run: async (slot) => void runs.push({ instance: i === 0 ? "one" : "two", slot: slot.toISOString(), ranAt: Date.now() }) }),
    );
    await new Promise((r) => setTimeout(r, 3_500));
    await Promise.all(schedulers.map((s) => s.stop()));

    const slots = runs.map((r) => r.slot);
    expect(slots.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slots).size).toBe(slots.length); // no slot ran twice
    // The job is handed the instant it fired for (a whole second, not shifted by a time zone).
    for (const r of runs) {
      expect(r.slot).toMatch(/\.000Z$/);
      expect(Math.abs(r.ranAt - Date.parse(r.slot))).toBeLessThan(5_000);
    }
    const rows = await a.sql.query<{ slot: Date; outcome: string; instance: string }>(
      `SELECT slot, outcome, instance FROM "JobRun" WHERE job = 'every-second' ORDER BY slot`,
    );
    expect(rows.map((r) => r.slot.toISOString()).sort()).toEqual([...slots].sort());
    expect(rows.every((r) => r.outcome === "done")).toBe(true);
    expect(rows.map((r) => r.instance).sort()).toEqual(runs.map((r) => r.instance).sort());
  }, 15_000);

  it.skipIf(skip)("forgets a job's old slots when told to keep only recent ones", async () => {
    const s = new Scheduler({ sql: a.sql, instance: "one", log, timeZone: "Asia/Shanghai" });
    let ran = 0;
    s.add({ name: "short-memory", cron: "* * * * * *", run: async () => void ran++, keepMs: 1_500 });
    await new Promise((r) => setTimeout(r, 4_500));
    await s.stop();
    const [{ n }] = (await a.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "JobRun" WHERE job = 'short-memory'`)) as [{ n: number }];
    expect(ran).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThan(ran);
    expect(n).toBeGreaterThanOrEqual(1);
  }, 15_000);
});
