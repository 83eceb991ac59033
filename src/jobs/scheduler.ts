// The jobs run on our own cron engine (domain/schedule/cron.ts), the one that also
// reads reminder times and works out catch-up: node-cron only ticks once a minute.
// On each tick every job whose line has a firing since the previous tick runs that
// firing (its "slot"), claimed through a unique JobRun row, so one instance runs
// it however many share the database.
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "../core/logger.ts";
import type { SqlRunner } from "../db/database.ts";
import { compileCron, nextCronFiring, type Cron } from "../domain/schedule/cron.ts";

/** Claim (job, slot) for this instance, as "started" until its work is done; false when another has it. */
export async function claimSlot(sql: SqlRunner, job: string, slot: Date, instance: string): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO "JobRun" (job, slot, outcome, instance) VALUES ($1, $2, 'started', $3) ON CONFLICT (job, slot) DO NOTHING RETURNING id`,
    [job, slot.toISOString(), instance],
  );
  return rows.length > 0;
}

/** A slot's work is finished (a slot left "started" was interrupted). */
export async function markDone(sql: SqlRunner, job: string, slot: Date): Promise<void> {
  await sql.query(`UPDATE "JobRun" SET outcome = 'done' WHERE job = $1 AND slot = $2 AND outcome = 'started'`, [job, slot.toISOString()]);
}

async function forget(sql: SqlRunner, job: string, before: Date): Promise<void> {
  await sql.query(`DELETE FROM "JobRun" WHERE job = $1 AND slot < $2`, [job, before.toISOString()]);
}

/**
 * The latest firing of a cron line in (from, to], or null: the slot a tick runs,
 * and the slot start-up catch-up runs.
 * `lastSlot("0 20 L * *", sh("2027-02-28 19:00"), sh("2027-02-28 21:00"), "Asia/Shanghai")` → 2027-02-28 20:00.
 */
export function lastSlot(line: string | Cron, from: Date, to: Date, timeZone: string): Date | null {
  const c = typeof line === "string" ? compileCron(line) : line;
  let slot: Date | null = null;
  for (let t = from.getTime(); ; ) {
    const next = nextCronFiring(c, t, timeZone);
    if (!next || next.getTime() > to.getTime()) return slot;
    slot = next;
    t = next.getTime();
  }
}

export interface JobSpec {
  name: string;
  /** A 5-field cron line in the scheduler's zone, in the dialect of `compileCron` (`L`, `5L`, `2#2` included). */
  cron: string;
  /** `slot` is the firing time the engine worked out (a whole minute). */
  run(slot: Date): Promise<unknown>;
  /** Forget this job's JobRun rows older than this (a minute tick would keep 1,440 a day). */
  keepMs?: number;
}

interface Job {
  spec: JobSpec;
  cron: Cron;
  busy: boolean;
}

export class Scheduler {
  private readonly jobs: Job[] = [];
  private readonly running = new Set<Promise<void>>();
  private task: ScheduledTask | null = null;
  private lastTick: Date | null = null;

  constructor(
    private readonly deps: {
      sql: SqlRunner;
      instance: string;
      log: Logger;
      timeZone: string;
      /** "manual": no timer; whoever owns the scheduler calls `tick` (tests, with a fixed clock). */
      ticks?: "node-cron" | "manual";
    },
  ) {}

  /** Register a job; throws on a cron line the engine cannot run. The minute tick starts with the first job. */
  add(job: JobSpec): void {
    this.jobs.push({ spec: job, cron: compileCron(job.cron), busy: false });
    if (this.task || this.deps.ticks === "manual") return;
    const { log } = this.deps;
    this.task = cron.schedule("* * * * *", (ctx) => this.tick(ctx.date), {
      name: "scheduler-tick",
      timezone: this.deps.timeZone,
      unref: true,
      logger: { info: () => {}, debug: () => {}, warn: (m) => log.warn(m), error: (m, err) => log.error(String(m), { err }) },
    });
  }

  /**
   * Run each job's latest firing in (previous tick, at] — (at − 1 min, at] on the
   * first tick — on this instance if it claims the slot. A job still busy with
   * its previous slot leaves this one to the other instances. Resolves when the
   * runs it started are over.
   */
  async tick(at: Date): Promise<void> {
    const from = this.lastTick && this.lastTick < at ? this.lastTick : new Date(at.getTime() - 60_000);
    this.lastTick = at;
    const started: Promise<void>[] = [];
    for (const job of this.jobs) {
      const slot = lastSlot(job.cron, from, at, this.deps.timeZone);
      if (!slot) continue;
      if (job.busy) {
        this.deps.log.warn("job still running; slot left to other instances", { job: job.spec.name, slot });
        continue;
      }
      job.busy = true;
      const p = this.runSlot(job.spec, slot).finally(() => {
        job.busy = false;
        this.running.delete(p);
      });
      this.running.add(p);
      started.push(p);
    }
    await Promise.all(started);
  }

  private async runSlot(job: JobSpec, slot: Date): Promise<void> {
    const { sql, instance, log } = this.deps;
    try {
      if (!(await claimSlot(sql, job.name, slot, instance))) return;
      await job.run(slot);
      await markDone(sql, job.name, slot);
      if (job.keepMs !== undefined) await forget(sql, job.name, new Date(slot.getTime() - job.keepMs));
    } catch (err) {
      log.error("job failed", { job: job.name, err });
    }
  }

  /** Stop ticking and wait for runs in progress. */
  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = null;
    await Promise.allSettled([...this.running]);
  }
}
