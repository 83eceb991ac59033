// Pure rules for sending the bot's own messages: pace, daily cap, retries.
// The clock and the random source are passed in.
import { TIME_ZONE } from "./time.ts";
import { civil, dayNumber, zonedToUtc } from "./zoned-time.ts";

export interface OutboxPolicy {
  /** Least time between two sends on one channel (one WeChat account)… */
  intervalMs: number;
  /** …plus a random 0–jitterMs, so the sends do not look machine-made. */
  jitterMs: number;
  /** Least time between two sends to the same group or person. */
  conversationIntervalMs: number;
  /** Sends per channel per calendar day (Asia/Shanghai); the rest wait for tomorrow. */
  dailyCap: number;
  /** Tries before a message is marked failed. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long a claimed message stays claimed; after that another sender may take it. */
  leaseMs: number;
  /** How long sending stops after the channel reports a rate limit. */
  rateLimitPauseMs: number;
  /** How often an idle sender looks for work queued by other instances. */
  pollMs: number;
}

/**
 * When the next send may start, given when this one was due. Pacing is anchored
 * to the schedule rather than to when the timer happened to fire, so small timer
 * delays do not add up; after an idle spell it restarts from now, so no burst.
 * `nextSendAt(due 12:00:00, now 12:00:00.004, 3 s, jitter 0)` → 12:00:03.
 */
export function nextSendAt(due: Date, now: Date, policy: Pick<OutboxPolicy, "intervalMs" | "jitterMs">, random: () => number): Date {
  const late = now.getTime() - due.getTime();
  const base = late >= 0 && late <= policy.intervalMs ? due.getTime() : now.getTime();
  // Rounded, not floored: whole milliseconds whose mean is jitterMs / 2.
  return new Date(base + policy.intervalMs + Math.round(random() * policy.jitterMs));
}

/** Wait before retry `attempts` (1 = after the first failure): doubling, capped, ±20% random. */
export function backoffMs(attempts: number, policy: Pick<OutboxPolicy, "backoffBaseMs" | "backoffMaxMs">, random: () => number): number {
  const raw = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

const dayFmt = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day the daily cap counts in: "2026-11-27". */
export function capDay(now: Date): string {
  return dayFmt.format(now);
}

/** The midnight after `now`, Beijing time: when the next day's cap starts. */
export function nextCapDay(now: Date): Date {
  const [y, m, d] = capDay(now).split("-").map(Number) as [number, number, number];
  const next = civil(dayNumber(y, m, d) + 1);
  return new Date(zonedToUtc(next.y, next.m, next.d, 0, 0, TIME_ZONE));
}
