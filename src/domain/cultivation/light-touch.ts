// The periods of the cultivation rhythm: months and quarters in Beijing time. When
// something may be sent (quiet hours) is ../quiet-hours.ts, shared by every feature.
import { TIME_ZONE } from "../time.ts";
import { DAY_MS, wallClock, zonedToUtc } from "../zoned-time.ts";

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
