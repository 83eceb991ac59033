// What a reminder's time is, once read: a recurring cron line or a one-off instant.

/**
 * Fire only in every n-th week (weeks run Monday to Sunday in the schedule's zone),
 * counting from the week that starts on `anchor` ("YYYY-MM-DD", a Monday).
 * Cron cannot say "every other Sunday", hence this companion to the cron line.
 */
export interface EveryWeeks {
  n: number;
  anchor: string;
}

export type ScheduleSpec =
  /** Recurring: a 5-field cron line (see `compileCron` for the dialect), a Chinese description, and maybe every n-th week only. */
  | { kind: "cron"; expr: string; label: string; everyWeeks?: EveryWeeks }
  /** One-off. */
  | { kind: "once"; at: Date; label: string };
