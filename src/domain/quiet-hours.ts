// Quiet hours (a light touch, by rule: 整治形式主义为基层减负): nothing the bot sends on its
// own goes out to people at night. One window for every feature, QUIET_HOURS in Beijing
// time; "21:30-08:00" wraps midnight, "00:00-00:00" is no quiet time at all.
import { TIME_ZONE } from "./time.ts";
import { DAY_MS, wallClock, zonedToUtc } from "./zoned-time.ts";

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

export function inQuietHours(t: Date, q: QuietHours = DEFAULT_QUIET): boolean {
  const w = wallClock(t.getTime(), TIME_ZONE);
  const m = w.h * 60 + w.mi;
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

/**
 * What the outbox may still send to a person during quiet hours: what someone sent
 * through the bot or asked it for, rather than what the bot sends on its own — a cadre's
 * answer to the person, an alert to the county administrators, a command's answer that
 * has to go privately (/周报 asked in a group). Every other private message waits for the
 * morning, however late its turn in a paced batch comes; group messages go at the time
 * their organiser chose.
 */
export const SENT_ON_SOMEONES_BEHALF: readonly string[] = ["answer", "alert", "reply"];
