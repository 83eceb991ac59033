// "Every other week": which days an `EveryWeeks` lets through.
import type { EveryWeeks } from "./spec.ts";
import { civil, dayNumber, validDate } from "../zoned-time.ts";

/** Day number (days since 1970-01-01) of the Monday of the week holding day `n`. */
export function mondayOf(n: number): number {
  return n - ((civil(n).wd + 6) % 7);
}

/** "YYYY-MM-DD" of day `n`. */
export function isoDay(n: number): string {
  const d = civil(n);
  return `${d.y}-${String(d.m).padStart(2, "0")}-${String(d.d).padStart(2, "0")}`;
}

/**
 * A test on day numbers: true in the weeks that fire. Throws on a malformed value
 * (it comes from storage, like a cron line). An anchor that is not a Monday
 * counts from its own week.
 */
export function weekFilter(ew: EveryWeeks): (day: number) => boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ew.anchor);
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3])) || !Number.isInteger(ew.n) || ew.n < 1) {
    throw new Error(`invalid week interval ${JSON.stringify(ew)}`);
  }
  const anchor = mondayOf(dayNumber(Number(m[1]), Number(m[2]), Number(m[3])));
  const period = ew.n * 7;
  return (day) => ((((mondayOf(day) - anchor) % period) + period) % period) === 0;
}
