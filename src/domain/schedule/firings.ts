// When a schedule fires: the next firing, and the firings inside a window.
import { TIME_ZONE } from "../time.ts";
import { compileCron, nextCronFiring } from "./cron.ts";
import { weekFilter } from "./every-weeks.ts";
import type { ScheduleSpec } from "./spec.ts";

/** `firingsBetween` returns at most this many firings (the earliest ones). */
export const MAX_FIRINGS = 100;

/** A step function "next firing after t" for a spec, compiled once. */
function stepper(spec: ScheduleSpec, timeZone: string): (after: number) => Date | null {
  if (spec.kind === "once") {
    const at = spec.at.getTime();
    return (after) => (at > after ? new Date(at) : null);
  }
  const cron = compileCron(spec.expr);
  const onlyDays = spec.everyWeeks ? weekFilter(spec.everyWeeks) : undefined;
  return (after) => nextCronFiring(cron, after, timeZone, onlyDays);
}

/**
 * The first firing strictly after `after`, or null (a one-off already past, or a
 * cron line that never matches). Honours `everyWeeks`. Throws on a malformed spec.
 * `nextFiring({ kind: "cron", expr: "0 20 * * *", label }, sh("2026-12-31 21:00"))` → 2027-01-01 20:00 Beijing time.
 */
export function nextFiring(spec: ScheduleSpec, after: Date, timeZone: string = TIME_ZONE): Date | null {
  return stepper(spec, timeZone)(after.getTime());
}

/**
 * Firings in (from, to], earliest first and at most `MAX_FIRINGS` of them: what
 * was missed while the bot was down.
 * `firingsBetween(everyHalfHour, sh("9:10"), sh("12:10"))` → 9:30, 10:00, …, 12:00.
 */
export function firingsBetween(spec: ScheduleSpec, from: Date, to: Date, timeZone: string = TIME_ZONE): Date[] {
  const next = stepper(spec, timeZone);
  const out: Date[] = [];
  for (let t = from.getTime(); out.length < MAX_FIRINGS; ) {
    const f = next(t);
    if (!f || f.getTime() > to.getTime()) break;
    out.push(f);
    t = f.getTime();
  }
  return out;
}
