import type { Feature } from "../feature.ts";
import { signInCode } from "./commands.ts";

/** Signing in to the workbench: `/登录` sends a one-time code privately (the pages are src/http/workbench). */
export const workbench: Feature = {
  name: "workbench",
  commands: [signInCode],
};
