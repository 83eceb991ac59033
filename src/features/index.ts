// The installed features, in order: the order of their help lines and of their
// steps at each pipeline stage. Adding a feature is a folder and a line here.
import { areas } from "./areas/index.ts";
import { binding } from "./binding/index.ts";
import { candidates } from "./candidates/index.ts";
import { cultivation } from "./cultivation/index.ts";
import type { Feature } from "./feature.ts";
import { digest } from "./digest/index.ts";
import { feedback } from "./feedback/index.ts";
import { filing } from "./filing/index.ts";
import { help } from "./help/index.ts";
import { outboxAdmin } from "./outbox-admin/index.ts";
import { register } from "./register/index.ts";
import { reminders } from "./reminders/index.ts";
import { study } from "./study/index.ts";
import { workbench } from "./workbench/index.ts";
import { symposium } from "./symposium/index.ts";

export const FEATURES: Feature[] = [
  filing,
  help(() => FEATURES),
  // Before feedback: an answer about coming home or to an invitation is not an idea.
  symposium,
  feedback,
  // Before candidates: its /candidates/export.xlsx must match before /candidates/:id.
  register,
  candidates,
  binding,
  study,
  digest,
  cultivation,
  reminders,
  outboxAdmin,
  areas,
  workbench,
];
