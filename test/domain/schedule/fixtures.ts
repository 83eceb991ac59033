// Shared by the schedule tests: Beijing wall-clock instants and a fixed "now".
import { parseScheduleTime } from "../../../src/domain/schedule/phrase.ts";
import type { EveryWeeks, ScheduleSpec } from "../../../src/domain/schedule/spec.ts";

/** An instant given as Beijing wall-clock time. */
export function sh(y: number, m: number, d: number, h = 0, mi = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h - 8, mi));
}

/** Friday 2026-11-27 10:00 in Shanghai. */
export const NOW = sh(2026, 11, 27, 10, 0);

export const H = 3_600_000;
export const DAY = 24 * H;

/** The spec a phrase reads as; throws with the reason when it does not read. */
export function spec(text: string, now = NOW, timeZone?: string): ScheduleSpec {
  const r = parseScheduleTime(text, now, timeZone);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.spec;
}

/** Why a phrase is refused; throws when it reads. */
export function refusal(text: string, now = NOW): string {
  const r = parseScheduleTime(text, now);
  if (r.ok) throw new Error(`${text} read as ${JSON.stringify(r.spec)}`);
  return r.error;
}

export function cron(expr: string, everyWeeks?: EveryWeeks): Extract<ScheduleSpec, { kind: "cron" }> {
  return { kind: "cron", expr, label: "", ...(everyWeeks ? { everyWeeks } : {}) };
}
