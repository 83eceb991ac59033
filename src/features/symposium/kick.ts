import type { AppContext } from "../context.ts";
import type { Services } from "../context.ts";
import { runSymposiumSteps, type StepDeps, type StepResult } from "./steps.ts";

export function stepDeps(services: Services): StepDeps {
  const s = services.config.symposium;
  return {
    sql: services.db.sql,
    log: services.log.child({ job: "symposium" }),
    seasons: s.seasons,
    quietHours: services.config.quietHours,
    homeReminderMs: s.homeReminderMs,
    rsvpReminderMs: s.rsvpReminderMs,
    askPrivately: s.askPrivately,
  };
}

/**
 * Run the due steps now, after a command made one due (a confirmation, a day fixed), so
 * nobody waits for the next tick; the job runs the same steps, and their claims make
 * this safe to run beside it.
 */
export async function kick(ctx: AppContext): Promise<StepResult> {
  const r = await runSymposiumSteps(stepDeps(ctx.services), ctx.message.sentAt);
  if (r.enqueued) ctx.services.outbox.wake();
  return r;
}
