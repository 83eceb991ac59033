// Quiet hours: the bot sends nothing of its own to reserves at night. A window
// "22:00-08:00" wraps midnight; "00:00-00:00" is no quiet time at all.
import { wallClock } from "../zoned-time.ts";
import { TIME_ZONE } from "../time.ts";

export interface QuietHours {
  /** Minutes after midnight, Beijing time. */
  start: number;
  end: number;
  label: string;
}

/** "22:00-08:00" → { start: 1320, end: 480 }; the format is checked by the caller's schema. */
export function quietHours(spec: string): QuietHours {
  const [a, b] = spec.split("-").map((p) => {
    const [h, m] = p.split(":").map(Number) as [number, number];
    return h * 60 + m;
  }) as [number, number];
  return { start: a, end: b, label: spec };
}

export function isQuiet(at: Date, q: QuietHours): boolean {
  const w = wallClock(at.getTime(), TIME_ZONE);
  const t = w.h * 60 + w.mi;
  if (q.start === q.end) return false;
  return q.start < q.end ? t >= q.start && t < q.end : t >= q.start || t < q.end;
}
