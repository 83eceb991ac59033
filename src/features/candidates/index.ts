import type { Feature } from "../feature.ts";
import { register, showFile, summary } from "./commands.ts";
import { candidateRoutes } from "./routes.ts";

/** People in the pool: register them, show one file (一人一档) and an area's register (一乡一册). */
export const candidates: Feature = {
  name: "candidates",
  commands: [showFile, register, summary],
  routes: candidateRoutes,
};
