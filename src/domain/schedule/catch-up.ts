// Firings missed while the bot was down: which one is still worth sending, which are recorded as skipped.
import { TIME_ZONE } from "../time.ts";
import { firingsBetween, MAX_FIRINGS, nextFiring } from "./firings.ts";
import type { ScheduleSpec } from "./spec.ts";

export interface DueFirings {
  /** The firing to send now: the latest one still inside the catch-up window. */
  send: Date | null;
  /** Firings to record as skipped: too late, or overtaken by a later one. */
  skipped: Date[];
  /** More firings were skipped than are listed (a long outage of a frequent schedule). */
  truncated: boolean;
  /** The next firing after now, or null when the schedule is over. */
  next: Date | null;
}

/**
 * What to do with a schedule whose pending firing `pending` has come (`pending` ≤ now).
 * A firing missed while the bot was down is still sent if it is at most
 * `catchUpMs` old; of several such, only the latest, so people get one reminder
 * rather than a burst. Everything else is skipped, to be recorded.
 * `dueFirings(daily 20:00, pending 20:00, now 21:30, 2 h)` → send 20:00, next tomorrow 20:00.
 */
export function dueFirings(spec: ScheduleSpec, pending: Date, now: Date, catchUpMs: number, timeZone: string = TIME_ZONE): DueFirings {
  const windowStart = new Date(now.getTime() - catchUpMs);
  // `pending` is a firing in its own right (it was worked out as one), whatever the spec says now.
  let recent: Date[] = [];
  let dropped = false;
  if (pending <= now) {
    if (pending >= windowStart) recent.push(new Date(pending.getTime()));
    // The latest firing must be found however many precede it; only the last MAX_FIRINGS are kept.
    for (let from = new Date(Math.max(pending.getTime(), windowStart.getTime() - 1)); ; ) {
      const chunk = firingsBetween(spec, from, now, timeZone);
      recent.push(...chunk);
      if (recent.length > MAX_FIRINGS) {
        recent = recent.slice(-MAX_FIRINGS);
        dropped = true;
      }
      if (chunk.length < MAX_FIRINGS) break;
      from = chunk.at(-1)!;
    }
  }
  const old: Date[] = [];
  if (pending < windowStart) {
    old.push(new Date(pending.getTime()));
    old.push(...firingsBetween(spec, pending, new Date(windowStart.getTime() - 1), timeZone).slice(0, MAX_FIRINGS - 1));
  }
  const truncated = dropped || old.length >= MAX_FIRINGS;
  const send = recent.at(-1) ?? null;
  return { send, skipped: [...old, ...recent.slice(0, -1)], truncated, next: nextFiring(spec, now, timeZone) };
}
