import type { Feature } from "../feature.ts";
import { replayedCheckins } from "./backlog.ts";
import { checkin } from "./commands.ts";
import { checkinRoutes } from "./routes.ts";
import { catchUpWeeklyStudy, runWeeklyStudy, STUDY_JOB } from "./weekly-round.ts";

/** Study check-ins, and the weekly round: a summary per group, quiet lists to cadres, one gentle nudge. */
export const study: Feature = {
  name: "study",
  commands: [checkin],
  steps: { backlog: replayedCheckins() },
  routes: checkinRoutes,
  jobs: (services) => {
    const { config, db, outbox } = services;
    const deps = { sql: db.sql, instance: config.instanceId, log: services.log.child({ job: STUDY_JOB }), silentDays: config.study.silentDays, nudge: config.study.nudge, outbox: services.outbox, names: config.study.summaryNames };
    return [
      {
        name: STUDY_JOB,
        cron: config.study.summaryCron,
        async run(slot, now) {
          const r = await runWeeklyStudy(deps, slot, now);
          if (r.enqueued) outbox.wake();
          return r;
        },
        async catchUp(now) {
          const ran = await catchUpWeeklyStudy({ ...deps, cron: config.study.summaryCron, catchUpMs: config.reminderCatchUpMs }, now);
          if (ran) outbox.wake();
          return { ran: ran ? 1 : 0 };
        },
      },
    ];
  },
};
