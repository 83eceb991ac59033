import type { Feature } from "../feature.ts";
import { outboxCommand } from "./commands.ts";
import { outboxRoutes } from "./routes.ts";

/** The outbox seen by those who run it: what waits, what stopped, and resuming it. */
export const outboxAdmin: Feature = {
  name: "outbox-admin",
  commands: [outboxCommand],
  routes: outboxRoutes,
};
