import type { ScheduleSpec } from "../../domain/schedule/spec.ts";
import type { ReminderKind, ScheduleStatus } from "../../domain/glossary.ts";

/** A schedule as stored, in the columns the jobs and commands read. */
export interface ScheduleRow {
  id: number;
  kind: ReminderKind;
  groupId: number | null;
  areaId: number | null;
  cron: string | null;
  /** With `cron`: every n-th week only, counting from the week of Monday `weekAnchor`. */
  weekInterval: number | null;
  weekAnchor: string | null;
  onceAt: Date | null;
  /** A one-off fires this many minutes before `onceAt`. */
  leadMinutes: number;
  timeLabel: string;
  timeZone: string;
  topic: string | null;
  link: string | null;
  place: string | null;
  template: string;
  status: ScheduleStatus;
  nextFiringAt: Date | null;
  lastFiringAt: Date | null;
  lastOutcome: string | null;
}

/** When the schedule fires: its cron line, or its one-off time less the lead. */
export function specOf(s: Pick<ScheduleRow, "cron" | "weekInterval" | "weekAnchor" | "onceAt" | "leadMinutes" | "timeLabel">): ScheduleSpec {
  if (s.cron) {
    const everyWeeks = s.weekInterval && s.weekAnchor ? { everyWeeks: { n: s.weekInterval, anchor: s.weekAnchor } } : {};
    return { kind: "cron", expr: s.cron, label: s.timeLabel, ...everyWeeks };
  }
  if (s.onceAt) return { kind: "once", at: new Date(s.onceAt.getTime() - s.leadMinutes * 60_000), label: s.timeLabel };
  throw new Error("schedule has neither cron nor onceAt");
}
