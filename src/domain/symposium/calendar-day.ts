// Calendar days as "YYYY-MM-DD" strings, with no time of day and no zone: the
// symposium rules speak of days people are at home, not instants.
import { civil, dayNumber, validDate } from "../zoned-time.ts";

/** A calendar day, "2027-02-06". */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Days since 1970-01-01, so that calendar steps are integer steps. */
export function dayIndex(date: IsoDate): number {
  const m = ISO.exec(date);
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function isoOfIndex(n: number): IsoDate {
  const c = civil(n);
  return isoOf(c.y, c.m, c.d);
}

export function isoOf(y: number, m: number, d: number): IsoDate {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return isoOfIndex(dayIndex(date) + n);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayIndex(b) - dayIndex(a);
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay() counts. */
export function weekday(date: IsoDate): number {
  return civil(dayIndex(date)).wd;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** "2月6日" as a person reads it. */
export function monthDayLabel(date: IsoDate): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
