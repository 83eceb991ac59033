// Spring Festival and the lunar days people name around it. A "holiday year" is
// the Gregorian year of 正月初一: Spring Festival 2027 is on 2027-02-06, and its
// 腊月 (the twelfth month of the lunar year before) runs through January 2027.
import { createRequire } from "node:module";
import type * as LunarJs from "lunar-javascript";
import { addDays, type IsoDate } from "./calendar-day.ts";

// lunar-javascript (CommonJS, ~0.25 s of CPU to load) is read on the first lunar date
// asked for, not at every start (bench section `process`).
let lunarJs: typeof LunarJs | undefined;
const lunar = (): typeof LunarJs => (lunarJs ??= createRequire(import.meta.url)("lunar-javascript") as typeof LunarJs);

/** Where 小年 falls: 腊月廿三 in the north, 廿四 in much of the south. */
export type XiaonianStyle = "north" | "south";

/** Miaopu's default: 腊月廿三, the day most calendars and the national broadcast call 小年. */
export const DEFAULT_XIAONIAN: XiaonianStyle = "north";

// The library recomputes a lunar year on each call (about a millisecond); a parser reads
// the same few years over and over.
const festivals = new Map<number, IsoDate>();
const monthLengths = new Map<string, number>();

/** 正月初一 of the holiday year: `springFestival(2027)` → "2027-02-06". */
export function springFestival(year: number): IsoDate {
  let day = festivals.get(year);
  if (day === undefined) {
    day = lunar().Lunar.fromYmd(year, 1, 1).getSolar().toYmd();
    festivals.set(year, day);
  }
  return day;
}

/**
 * 除夕, the day before 正月初一 — 腊月廿九 when 腊月 has 29 days (2027, 2028), so
 * never computed as 腊月三十: `newYearsEve(2027)` → "2027-02-05".
 */
export function newYearsEve(year: number): IsoDate {
  return addDays(springFestival(year), -1);
}

/** The 腊月 that ends on 除夕 of the holiday year: the leap twelfth month when there is one. */
function lastMonthBefore(year: number): number {
  return lunar().LunarMonth.fromYm(year - 1, -12) ? -12 : 12;
}

/** Days in 腊月 (month 12) before the holiday year's Spring Festival, or in a month of the holiday year. */
export function lunarMonthLength(year: number, month: number): number {
  const key = `${year}-${month}`;
  let length = monthLengths.get(key);
  if (length === undefined) {
    const m = month === 12 ? lunar().LunarMonth.fromYm(year - 1, lastMonthBefore(year)) : lunar().LunarMonth.fromYm(year, month);
    if (!m) throw new RangeError(`no lunar month ${month} for ${year}`);
    length = m.getDayCount();
    monthLengths.set(key, length);
  }
  return length;
}

/**
 * A lunar month and day → the Gregorian day, for the holiday year: month 12 is the
 * 腊月 before that year's Spring Festival, months 1–11 are in the lunar year that
 * Spring Festival opens. Null for a day the month does not have (腊月三十 in 2027).
 *
 * `lunarDate(2027, 12, 26)` → "2027-02-02"; `lunarDate(2027, 1, 15)` → "2027-02-20".
 */
export function lunarDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(day) || day < 1) return null;
  if (day > lunarMonthLength(year, month)) return null;
  // 腊月 and 正月 counted from 正月初一: the library's general conversion is a hundred times slower.
  if (month === 12) return addDays(springFestival(year), day - 1 - lunarMonthLength(year, 12));
  if (month === 1) return addDays(springFestival(year), day - 1);
  return lunar().Lunar.fromYmd(year, month, day).getSolar().toYmd();
}

/** 小年 of the holiday year: 腊月廿三 (north, the default) or 廿四 (south). */
export function xiaonian(year: number, style: XiaonianStyle = DEFAULT_XIAONIAN): IsoDate {
  return lunarDate(year, 12, style === "north" ? 23 : 24)!;
}

/** 元宵, 正月十五: `lanternFestival(2027)` → "2027-02-20". */
export function lanternFestival(year: number): IsoDate {
  return lunarDate(year, 1, 15)!;
}

const MONTH_NAMES = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"];
const DAY_TENS = ["初", "十", "廿", "三"];
const DIGITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

function dayName(d: number): string {
  if (d === 10) return "初十";
  if (d === 20) return "二十";
  if (d === 30) return "三十";
  return DAY_TENS[Math.floor(d / 10)]! + DIGITS[d % 10]!;
}

/** "腊月廿六", "正月初六" — for replies that name a day the way people said it. */
export function lunarLabel(date: IsoDate): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const day = lunar().Solar.fromYmd(y, m, d).getLunar();
  const month = day.getMonth();
  return `${month < 0 ? "闰" : ""}${MONTH_NAMES[Math.abs(month) - 1]}月${dayName(day.getDay())}`;
}

