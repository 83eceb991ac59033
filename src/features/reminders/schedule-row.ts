import type { ScheduleSpec } from "../../domain/schedule/spec.ts";
import type { Schedule } from "../../db/generated/client.ts";

/**
 * A schedule as stored: Prisma's own model type, also for the rows the job reads with
 * raw SQL (`SELECT *` under a row lock), so there is no second copy of the model to keep in step.
 */
export type ScheduleRow = Schedule;

/** When the schedule fires: its cron line, or its one-off time less the lead. */
export function specOf(s: Pick<ScheduleRow, "cron" | "weekInterval" | "weekAnchor" | "onceAt" | "leadMinutes" | "timeLabel">): ScheduleSpec {
  if (s.cron) {
    const everyWeeks = s.weekInterval && s.weekAnchor ? { everyWeeks: { n: s.weekInterval, anchor: s.weekAnchor } } : {};
    return { kind: "cron", expr: s.cron, label: s.timeLabel, ...everyWeeks };
  }
  if (s.onceAt) return { kind: "once", at: new Date(s.onceAt.getTime() - s.leadMinutes * 60_000), label: s.timeLabel };
  throw new Error("schedule has neither cron nor onceAt");
}
