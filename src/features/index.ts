// The installed features, in order: the order of their help lines and of their
// steps at each pipeline stage. Adding a feature is a folder and a line here.
import { areas } from "./areas/index.ts";
import { binding } from "./binding/index.ts";
import { candidates } from "./candidates/index.ts";
import { cultivation } from "./cultivation/index.ts";
import type { Feature } from "./feature.ts";
import { feedback } from "./feedback/index.ts";
import { filing } from "./filing/index.ts";
import { help } from "./help/index.ts";
import { outboxAdmin } from "./outbox-admin/index.ts";
import { reminders } from "./reminders/index.ts";
import { study } from "./study/index.ts";

export const FEATURES: Feature[] = [
  filing,
  help(() => FEATURES),
  feedback,
  candidates,
  binding,
  study,
  cultivation,
  reminders,
  outboxAdmin,
  areas,
];
