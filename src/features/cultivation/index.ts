import type { Feature } from "../feature.ts";
import { appraisal, fileNote, inspect, mentoring, notice, path, report, stage, suggestionBox } from "./commands.ts";
import { CULTIVATION_JOB, runCultivationRound } from "./daily-round.ts";
import { cultivationRoutes } from "./routes.ts";

/**
 * Growing the seedlings (育苗、蹲苗、用苗): stages moved with a reason and the evidence
 * the rule asks for, mentoring pairs, regular reports, appraisal rounds with
 * anonymous ballots, public notices, practice posts, the quarterly review and
 * warnings before elections. Reminders go privately, once, outside quiet hours.
 */
export const cultivation: Feature = {
  name: "cultivation",
  commands: [path, report, mentoring, fileNote, stage, inspect, notice, appraisal, suggestionBox],
  routes: cultivationRoutes,
  jobs: (services) => {
    const { config, db, outbox } = services;
    const c = config.cultivation;
    const deps = { sql: db.sql, log: services.log.child({ job: CULTIVATION_JOB }), quiet: services.config.quietHours, rhythm: c.reportRhythm, reminderDays: c.reportReminderDays };
    return [
      {
        name: CULTIVATION_JOB,
        cron: c.cron,
        keepMs: 90 * 86_400_000,
        async run(slot, now) {
          const r = await runCultivationRound(deps, slot, now);
          outbox.wake();
          return r;
        },
      },
    ];
  },
};
