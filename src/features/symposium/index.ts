import type { Feature } from "../feature.ts";
import { symposiumCommand } from "./commands.ts";
import { declineCommand, homeCommand, joinCommand, signInCommand } from "./reserve-replies.ts";
import { stepDeps } from "./kick.ts";
import { recogniseAnswers } from "./recognise.ts";
import { symposiumRoutes } from "./routes.ts";
import { runSymposiumSteps, SYMPOSIUM_JOB } from "./steps.ts";

/**
 * Holiday symposiums (共商共谈座谈会), one campaign per township and season: a draft
 * before the season, "are you coming home?" once an organiser confirms, proposed
 * days, invitations and RSVPs, reminders only to those who have not answered,
 * sign-in and minutes; each step on the people's files.
 */
export const symposium: Feature = {
  name: "symposium",
  commands: [symposiumCommand, homeCommand, joinCommand, declineCommand, signInCommand],
  steps: { conversation: recogniseAnswers() },
  routes: symposiumRoutes,
  help: ["回乡座谈会期间，直接回复“腊月二十六回，初六走”“今年不回了”或“参加”“来不了”，我会记下来。"],
  jobs: (services) => {
    const deps = stepDeps(services);
    return [
      {
        name: SYMPOSIUM_JOB,
        cron: services.config.symposium.stepCron,
        keepMs: 86_400_000,
        async run(_slot, now) {
          const r = await runSymposiumSteps(deps, now);
          if (r.enqueued) services.outbox.wake();
          return { ...r };
        },
        // Every step looks at what is due now, so whatever was missed while down is done at start.
        async catchUp(now) {
          const r = await runSymposiumSteps(deps, now);
          if (r.enqueued) services.outbox.wake();
          return { ...r };
        },
      },
    ];
  },
};
