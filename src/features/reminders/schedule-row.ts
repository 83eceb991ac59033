import type { ScheduleSpec } from "../../domain/schedule-time.ts";
import type { ReminderKind, ScheduleStatus } from "../../domain/glossary.ts";

/** A schedule as stored, in the columns the jobs and commands read. */
export interface ScheduleRow {
  id: number;
  kind: ReminderKind;
  groupId: number | null;
  areaId: number | null;
  cron: string | null;
  onceAt: Date | null;
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

export function specOf(s: Pick<ScheduleRow, "cron" | "onceAt" | "timeLabel">): ScheduleSpec {
  if (s.cron) return { kind: "cron", expr: s.cron, label: s.timeLabel };
  if (s.onceAt) return { kind: "once", at: s.onceAt, label: s.timeLabel };
  throw new Error("schedule has neither cron nor onceAt");
}
