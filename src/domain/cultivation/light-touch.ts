// A light touch, by rule (整治形式主义为基层减负): reminders go privately, once, and
// never in quiet hours. Everything that sends on its own asks here when it may.
import { TIME_ZONE } from "../time.ts";
import { DAY_MS, wallClock, zonedToUtc } from "../zoned-time.ts";

export interface QuietHours {
  /** Minutes after midnight, Beijing time: 21:30 → 1290. */
  start: number;
  end: number;
}

export const DEFAULT_QUIET: QuietHours = { start: 21 * 60 + 30, end: 8 * 60 };

/** "21:30-08:00" → QuietHours, or null when it cannot be read. */
export function parseQuietHours(s: string): QuietHours | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*[-–~～至到]\s*(\d{1,2}):(\d{2})\s*$/.exec(s);
  if (!m) return null;
  const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return null;
  return { start: h1 * 60 + m1, end: h2 * 60 + m2 };
}

function minuteOfDay(t: Date): number {
  const w = wallClock(t.getTime(), TIME_ZONE);
  return w.h * 60 + w.mi;
}

export function inQuietHours(t: Date, q: QuietHours = DEFAULT_QUIET): boolean {
  const m = minuteOfDay(t);
  if (q.start === q.end) return false;
  return q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end;
}

/**
 * The first moment at or after `t` outside quiet hours: what a private reminder
 * queued at `t` waits for. `sendableAt(22:40 Beijing)` → 08:00 the next morning.
 */
export function sendableAt(t: Date, q: QuietHours = DEFAULT_QUIET): Date {
  if (!inQuietHours(t, q)) return t;
  const w = wallClock(t.getTime(), TIME_ZONE);
  const endToday = zonedToUtc(w.y, w.m, w.d, Math.floor(q.end / 60), q.end % 60, TIME_ZONE);
  return new Date(endToday > t.getTime() ? endToday : endToday + DAY_MS);
}

/** "2026-11" for the Beijing month of `t`: the key of a monthly report or reminder. */
export function monthKey(t: Date): string {
  const w = wallClock(t.getTime(), TIME_ZONE);
  return `${w.y}-${String(w.m).padStart(2, "0")}`;
}

/** "2026-Q4" for the Beijing quarter of `t`. */
export function quarterKey(t: Date): string {
  const w = wallClock(t.getTime(), TIME_ZONE);
  return `${w.y}-Q${Math.floor((w.m - 1) / 3) + 1}`;
}

/** The report period of `t` for a rhythm: monthly "2026-11", quarterly "2026-Q4". */
export function reportPeriod(t: Date, rhythm: "monthly" | "quarterly"): string {
  return rhythm === "monthly" ? monthKey(t) : quarterKey(t);
}

/** "2026-11" → "2026年11月"; "2026-Q4" → "2026年第四季度". */
export function periodLabel(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${"一二三四"[Number(q[2]) - 1]}季度`;
  const [y, m] = period.split("-");
  return `${y}年${Number(m)}月`;
}

/** The first instant of the Beijing month of `t`. */
export function monthStart(t: Date): Date {
  const w = wallClock(t.getTime(), TIME_ZONE);
  return new Date(zonedToUtc(w.y, w.m, 1, 0, 0, TIME_ZONE));
}

/** The first instant of the Beijing quarter of `t`. */
export function quarterStart(t: Date): Date {
  const w = wallClock(t.getTime(), TIME_ZONE);
  return new Date(zonedToUtc(w.y, Math.floor((w.m - 1) / 3) * 3 + 1, 1, 0, 0, TIME_ZONE));
}
