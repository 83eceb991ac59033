// node-cron drives the jobs. Each task is `distributed`: before a run, node-cron
// asks the run coordinator, which inserts a unique JobRun row for (task, slot);
// the one instance whose insert succeeds runs that slot, the others skip it.
import cron, { type RunCoordinator, type ScheduledTask } from "node-cron";
import type { Logger } from "../core/logger.ts";
import type { SqlRunner } from "../db/database.ts";

/** A run coordinator backed by JobRun's unique (job, slot). */
export function jobRunCoordinator(sql: SqlRunner, instance: string): RunCoordinator {
  return {
    async shouldRun(key: string): Promise<boolean> {
      const m = /^(.*):(\d{4}-\d\d-\d\dT[\d:.]+Z)$/.exec(key);
      if (!m) throw new Error(`unexpected coordination key ${key}`);
      return claimSlot(sql, m[1]!, new Date(m[2]!), instance);
    },
  };
}

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

export interface JobSpec {
  name: string;
  /** Standard 5-field cron, Asia/Shanghai. */
  cron: string;
  /** `slot` is the minute node-cron fired for. */
  run(slot: Date): Promise<unknown>;
  /** Forget this job's JobRun rows older than this (a minute tick would keep 1,440 a day). */
  keepMs?: number;
}

export class Scheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly deps: { sql: SqlRunner; instance: string; log: Logger; timeZone: string }) {}

  add(job: JobSpec): void {
    const { log } = this.deps;
    const task = cron.schedule(
      job.cron,
      async (ctx) => {
        const slot = ctx.date;
        const p = job
          .run(slot)
          .then(() => markDone(this.deps.sql, job.name, slot))
          .then(() => (job.keepMs === undefined ? undefined : forget(this.deps.sql, job.name, new Date(slot.getTime() - job.keepMs))))
          .catch((err) => log.error("job failed", { job: job.name, err }));
        this.running.add(p);
        await p;
        this.running.delete(p);
      },
      {
        name: job.name,
        timezone: this.deps.timeZone,
        noOverlap: true,
        distributed: true,
        runCoordinator: jobRunCoordinator(this.deps.sql, this.deps.instance),
        unref: true,
        logger: { info: () => {}, debug: () => {}, warn: (m) => log.warn(m, { job: job.name }), error: (m, err) => log.error(String(m), { job: job.name, err }) },
      },
    );
    this.tasks.push(task);
  }

  /** Stop firing and wait for runs in progress. */
  async stop(): Promise<void> {
    for (const t of this.tasks) await t.destroy();
    await Promise.allSettled([...this.running]);
  }
}
