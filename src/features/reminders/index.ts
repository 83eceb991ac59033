import type { Feature } from "../feature.ts";
import { reminders as remindCommand } from "./commands.ts";
import { runDueReminders } from "./job.ts";
import { scheduleRoutes } from "./routes.ts";

/** Reminders on schedules, for a group or every group in an area; fired through the outbox. */
export const reminders: Feature = {
  name: "reminders",
  commands: [remindCommand],
  routes: scheduleRoutes,
  jobs: (services) => {
    const deps = { sql: services.db.sql, instance: services.config.instanceId, catchUpMs: services.config.reminderCatchUpMs, log: services.log.child({ job: "reminders" }) };
    const run = async (now: Date) => {
      const r = await runDueReminders(deps, now);
      if (r.enqueued) services.outbox.wake();
      return { ...r };
    };
    return [
      {
        name: "reminders",
        cron: "* * * * *",
        run: (_slot, now) => run(now),
        // Firings missed while the bot was down: sent late if still useful, else recorded as skipped.
        catchUp: run,
        // The tick's own rows only say "this minute was swept"; each firing has its own row, kept.
        keepMs: 7 * 86_400_000,
      },
    ];
  },
};
