import type { Feature } from "../feature.ts";
import { digestCommand } from "./commands.ts";
import { catchUpWeeklyDigest, DIGEST_JOB, runWeeklyDigest } from "./round.ts";
import { digestRoutes } from "./routes.ts";

/** The weekly digest of what reserves said, privately to each township's organisers, and on demand. */
export const digest: Feature = {
  name: "digest",
  commands: [digestCommand],
  routes: digestRoutes,
  jobs: (services) => [
    {
      name: DIGEST_JOB,
      cron: services.config.digest.cron,
      run: (slot, now) => runWeeklyDigest(services, slot, now),
      async catchUp(now) {
        return { ran: (await catchUpWeeklyDigest(services, now)) ? 1 : 0 };
      },
    },
  ],
};
