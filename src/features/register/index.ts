import type { Feature } from "../feature.ts";
import { registerRoutes } from "./routes.ts";

/**
 * The register in Excel: the township survey (摸底表) in — previewed row by row, then
 * committed all or nothing — and the register (台账) out, one sheet per township.
 */
export const register: Feature = {
  name: "register",
  routes: registerRoutes,
};
