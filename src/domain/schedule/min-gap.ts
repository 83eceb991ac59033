// How often a schedule fires at its most frequent: a reminder firing every
// minute floods a group, so the reminders command refuses specs below a minimum.
import { TIME_ZONE } from "../time.ts";
import { civil, DAY_MS, dayNumber, offsetAt, wallClock, zonedToUtc } from "../zoned-time.ts";
import { compileCron, firesOnDay } from "./cron.ts";
import { weekFilter } from "./every-weeks.ts";
import type { ScheduleSpec } from "./spec.ts";

/** The default minimum gap between two firings of a group reminder. */
export const MIN_REMINDER_GAP_MS = 60 * 60_000;

/** Days looked at: two years, so yearly and every-n-week patterns and a DST change show up. */
const HORIZON_DAYS = 731;

/**
 * The shortest time between two consecutive firings, over the two years from
 * the day of `from`, in ms; Infinity for a one-off or a line firing at most once
 * in that time. Honours `everyWeeks` and daylight saving. To refuse a spec firing
 * more often than allowed: `minimumGapMs(spec, now, tz) < MIN_REMINDER_GAP_MS`.
 * `minimumGapMs(cron("*\/10 * * * *"), now)` → 600_000; `cron("0 8-18 * * *")` → 3_600_000;
 * "每隔一周的周日 10:00" → 14 days.
 */
export function minimumGapMs(spec: ScheduleSpec, from: Date, timeZone: string = TIME_ZONE): number {
  if (spec.kind === "once") return Infinity;
  const cron = compileCron(spec.expr);
  const onlyDays = spec.everyWeeks ? weekFilter(spec.everyWeeks) : () => true;
  const times = cron.hours.flatMap((h) => cron.minutes.map((mi) => h * 60 + mi));
  let wallGap = Infinity;
  for (let i = 1; i < times.length; i++) wallGap = Math.min(wallGap, (times[i]! - times[i - 1]!) * 60_000);
  const w = wallClock(from.getTime(), timeZone);
  const start = dayNumber(w.y, w.m, w.d);
  // Most zones (Beijing's among them) keep one offset: then a wall time is plain arithmetic,
  // not two time-zone look-ups per firing time per day (~17 ms for two years).
  const fixed = constantOffset(start, timeZone);
  let best = Infinity;
  let previousLast: number | null = null;
  for (let n = start; n <= start + HORIZON_DAYS; n++) {
    if (!firesOnDay(cron, n) || !onlyDays(n)) continue;
    const { y, m, d } = civil(n);
    const at = (minuteOfDay: number) =>
      fixed !== null ? Date.UTC(y, m - 1, d) + minuteOfDay * 60_000 - fixed : zonedToUtc(y, m, d, Math.floor(minuteOfDay / 60), minuteOfDay % 60, timeZone);
    let first = at(times[0]!);
    let last = at(times.at(-1)!);
    // Within a day the gaps are the wall-clock ones unless the zone's offset changes between the day's first and last firing.
    if (last - first === (times.at(-1)! - times[0]!) * 60_000) best = Math.min(best, wallGap);
    else {
      // A wall time skipped by a spring-forward lands after the jump, next to real ones: the engine fires each instant once, in order.
      const instants = [...new Set(times.map(at))].sort((x, y) => x - y);
      for (let i = 1; i < instants.length; i++) best = Math.min(best, instants[i]! - instants[i - 1]!);
      first = instants[0]!;
      last = instants.at(-1)!;
    }
    if (previousLast !== null && first > previousLast) best = Math.min(best, first - previousLast);
    previousLast = last;
  }
  return best;
}

/**
 * The zone's UTC offset when it holds over the whole horizon, else null. Sampled weekly:
 * offsets change for months at a time (daylight saving, a zone's new rule), never for
 * less than a week and back.
 */
function constantOffset(startDay: number, timeZone: string): number | null {
  const first = offsetAt(startDay * DAY_MS, timeZone);
  for (let n = startDay + 7; n <= startDay + HORIZON_DAYS + 7; n += 7) {
    if (offsetAt(n * DAY_MS, timeZone) !== first) return null;
  }
  return first;
}
