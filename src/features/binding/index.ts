import type { Feature } from "../feature.ts";
import { bind, bindCode, bindGroup } from "./commands.ts";

/** Who is who: groups bound to areas, chat accounts bound to records or cadre roles. */
export const binding: Feature = {
  name: "binding",
  commands: [bind, bindCode, bindGroup],
};
