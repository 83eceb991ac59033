// The one cron engine: reminders, the weekly study round and the job scheduler
// all compile and step cron lines here, so what is accepted is what fires.
// Times are wall-clock times in an IANA zone, converted with Intl, so zones
// with daylight saving work as well as Asia/Shanghai.
import { civil, daysInMonth, dayNumber, wallClock, zonedToUtc } from "../zoned-time.ts";

/** The answer to a line that is not 5 fields (a 6-field line with seconds is the usual mistake). */
export const CRON_FIVE_FIELDS = "cron 表达式只能写5段：分 时 日 月 星期，例如 0 20 * * 1-5";

export interface Cron {
  /** Sorted. */
  minutes: number[];
  /** Sorted. */
  hours: number[];
  days: Set<number>;
  lastDay: boolean;
  /** Days from "dL": day d, or the month's last day when it has fewer. */
  clampDays: number[];
  months: Set<number>;
  /** 0 = Sunday. */
  weekdays: Set<number>;
  /** From "d#k": the k-th weekday d of the month. */
  nthWeekdays: { weekday: number; n: number }[];
  /** From "dL" in the day-of-week field: the month's last weekday d. */
  lastWeekdays: Set<number>;
  dayStar: boolean;
  weekdayStar: boolean;
}

// Far enough for Feb 29 (2096 → 2104) and for any weekday/date combination to recur.
const SEARCH_DAYS = 28 * 366;

/**
 * Compile a 5-field line: minute hour day-of-month month day-of-week, with `*`,
 * numbers, `a-b`, lists and steps (`a-b/n`, or `/n` after `*`). Day-of-week is
 * 0–7 with 0 and 7 Sunday, and also (as in Quartz) `d#k`, the k-th weekday d of
 * the month (`2#2` = second Tuesday), and `dL`, its last one (`4L` = last
 * Thursday). Day-of-month also takes `L` (last day) and `dL` (day d, or the
 * last day when the month is shorter). When both day fields are restricted a
 * day matching either fires, as in Vixie cron, where a field starting with `*`
 * counts as unrestricted. Throws on a malformed line; see `checkCron` for a reason in Chinese.
 * `compileCron("0 9 * * 2#2")` → second Tuesday of each month, 9:00.
 */
export function compileCron(expr: string): Cron {
  const c = checkCron(expr);
  if (typeof c === "string") throw new Error(`invalid cron expression "${expr}": ${c}`);
  return c;
}

const FIELD_NAMES = ["分钟", "小时", "日", "月", "星期"];
const FIELD_RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

/** The compiled line, or why it is not one (Chinese, for people). */
export function checkCron(expr: string): Cron | string {
  const parts = expr.trim().toUpperCase().split(/\s+/);
  if (parts.length !== 5) return CRON_FIVE_FIELDS;
  const fields: Field[] = [];
  for (let i = 0; i < 5; i++) {
    const [min, max] = FIELD_RANGES[i]!;
    const f = parseField(parts[i]!, min, max, i === 2 ? "dom" : i === 4 ? "dow" : "plain");
    if (!f) return `cron 表达式里的${FIELD_NAMES[i]}“${parts[i]}”不对，应在${min}到${max}之间`;
    fields.push(f);
  }
  const [minute, hour, day, month, weekday] = fields as [Field, Field, Field, Field, Field];
  return {
    minutes: [...minute.values].sort((a, b) => a - b),
    hours: [...hour.values].sort((a, b) => a - b),
    days: day.values,
    lastDay: day.lastDay,
    clampDays: day.clampDays,
    months: month.values,
    weekdays: new Set([...weekday.values].map((d) => d % 7)),
    nthWeekdays: weekday.nth,
    lastWeekdays: weekday.lastOf,
    dayStar: parts[2]!.startsWith("*"),
    weekdayStar: parts[4]!.startsWith("*"),
  };
}

interface Field {
  values: Set<number>;
  lastDay: boolean;
  clampDays: number[];
  nth: { weekday: number; n: number }[];
  lastOf: Set<number>;
}

function parseField(text: string, min: number, max: number, kind: "dom" | "dow" | "plain"): Field | null {
  const field: Field = { values: new Set(), lastDay: false, clampDays: [], nth: [], lastOf: new Set() };
  for (const item of text.split(",")) {
    if (kind === "dom" && item === "L") {
      field.lastDay = true;
      continue;
    }
    const last = kind === "plain" ? null : /^(\d{1,2})L$/.exec(item);
    if (last) {
      const d = Number(last[1]);
      if (d < min || d > max) return null;
      if (kind === "dom") field.clampDays.push(d);
      else field.lastOf.add(d % 7);
      continue;
    }
    const nth = kind === "dow" ? /^(\d)#(\d)$/.exec(item) : null;
    if (nth) {
      const [d, n] = [Number(nth[1]), Number(nth[2])];
      if (d > max || n < 1 || n > 5) return null;
      field.nth.push({ weekday: d % 7, n });
      continue;
    }
    const m = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) return null;
    // "5/15" (start with a step) is not in the standard dialect.
    if (m[2] !== undefined && m[3] === undefined && m[4] !== undefined) return null;
    const lo = m[1] ? min : Number(m[2]);
    const hi = m[1] ? max : m[3] !== undefined ? Number(m[3]) : lo;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (lo < min || hi > max || lo > hi || step < 1) return null;
    for (let v = lo; v <= hi; v += step) field.values.add(v);
  }
  return field;
}

/** Whether the line fires at some time on day number `n` (days since 1970-01-01). */
export function firesOnDay(c: Cron, n: number): boolean {
  const { y, m, d, wd } = civil(n);
  if (!c.months.has(m)) return false;
  const dim = daysInMonth(y, m);
  const dayMatch = c.days.has(d) || (c.lastDay && d === dim) || c.clampDays.some((k) => k === d || (k > dim && d === dim));
  const weekdayMatch =
    c.weekdays.has(wd) || c.nthWeekdays.some((x) => x.weekday === wd && Math.ceil(d / 7) === x.n) || (c.lastWeekdays.has(wd) && d + 7 > dim);
  return c.dayStar || c.weekdayStar ? dayMatch && weekdayMatch : dayMatch || weekdayMatch;
}

/**
 * The first firing strictly after `after` (ms), or null when none comes within
 * 28 years. `onlyDays` narrows the days further (every other week).
 */
export function nextCronFiring(c: Cron, after: number, timeZone: string, onlyDays?: (day: number) => boolean): Date | null {
  const w = wallClock(after, timeZone);
  const first = dayNumber(w.y, w.m, w.d);
  // Firings are on whole minutes, so anything in the current wall-clock minute is not after `after`.
  let fromMinute = w.h * 60 + w.mi + 1;
  for (let n = first; n <= first + SEARCH_DAYS; n++, fromMinute = 0) {
    if (!firesOnDay(c, n) || (onlyDays && !onlyDays(n))) continue;
    const day = civil(n);
    for (const h of c.hours) {
      if (h * 60 + 59 < fromMinute) continue;
      for (const mi of c.minutes) {
        if (h * 60 + mi < fromMinute) continue;
        const t = zonedToUtc(day.y, day.m, day.d, h, mi, timeZone);
        if (t > after) return new Date(t);
      }
    }
  }
  return null;
}
