import { addDays, dayIndex, isIsoDate, weekday, yearOf, type IsoDate } from "../symposium/calendar-day.ts";
import type { HolidayData } from "./holiday-data.ts";

/** "holiday" is any day off: a statutory holiday or an ordinary weekend. */
export type WorkingDayStatus = "workday" | "holiday" | "unknown";

/**
 * Whether `date` is a working day under the published arrangements. A day named in
 * an arrangement is known even across a year boundary (元旦 may start on 12月31日);
 * any other day of a year without data is "unknown".
 *
 * `workingDayStatus("2026-02-14", data)` → "workday" (a Saturday worked for 春节).
 */
export function workingDayStatus(date: IsoDate, data: HolidayData): WorkingDayStatus {
  const n = dayIndex(date);
  for (const y of data.years) {
    for (const h of y.holidays) {
      if (n >= dayIndex(h.from) && n <= dayIndex(h.to)) return "holiday";
      if (h.workdays.includes(date)) return "workday";
    }
  }
  if (!data.years.some((y) => y.year === yearOf(date))) return "unknown";
  const wd = weekday(date);
  return wd === 0 || wd === 6 ? "holiday" : "workday";
}

/** Longest stretch searched; no arrangement has a month without a working day. */
const MAX_DAYS = 400;

/**
 * The n-th working day after `date` (not counting `date` itself; n = 0 gives `date`),
 * or null when a day on the way is unknown. A public notice (公示) of 5 working days
 * posted on 2026-09-28 runs until `addWorkingDays("2026-09-28", 5, data)` → "2026-10-10" (a Saturday worked for 国庆).
 */
export function addWorkingDays(date: IsoDate, n: number, data: HolidayData): IsoDate | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  let day = date;
  for (let left = n, steps = 0; left > 0; steps++) {
    if (steps > MAX_DAYS) return null;
    day = addDays(day, 1);
    const status = workingDayStatus(day, data);
    if (status === "unknown") return null;
    if (status === "workday") left--;
  }
  return day;
}
