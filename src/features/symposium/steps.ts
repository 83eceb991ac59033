// The campaign's automatic steps, run by the scheduler (and at once after the command
// that makes one due): drafts before each season, the questions once confirmed, one
// reminder or follow-up to those who have not answered, the invitations, one RSVP
// reminder to those who have not answered, and reminders to those attending the day
// before and two hours before. Nothing is queued during quiet hours.
// Raw SQL here: each step claims its rows (a conditional UPDATE … RETURNING, so two
// instances never both take one) and queues their messages in the same transaction;
// the outbox keys name each logical message, so a rerun adds nothing.
// Each step is in its own file: step-draft.ts, step-asking.ts, step-invitation.ts,
// step-summary.ts, step-cancel.ts; whom they write to, and how, is in step-recipients.ts.
import type { Logger } from "../../core/logger.ts";
import type { SqlRunner } from "../../db/database.ts";
import { inQuietHours, type QuietHours } from "../../domain/quiet-hours.ts";
import type { SeasonConfig } from "../../domain/symposium/seasons.ts";
import { askStep, homeNudgeStep } from "./step-asking.ts";
import { cancelStep } from "./step-cancel.ts";
import { draftStep } from "./step-draft.ts";
import { attendingStep, inviteStep, rsvpNudgeStep } from "./step-invitation.ts";
import { summaryStep } from "./step-summary.ts";

export const SYMPOSIUM_JOB = "symposium-steps";

export interface StepDeps {
  sql: SqlRunner;
  log: Logger;
  seasons: readonly SeasonConfig[];
  quietHours: QuietHours;
  homeReminderMs: number;
  rsvpReminderMs: number;
  askPrivately: boolean;
}

export interface StepResult {
  quiet: number;
  drafts: number;
  asked: number;
  homeNudges: number;
  invited: number;
  rsvpNudges: number;
  eveReminders: number;
  soonReminders: number;
  summaries: number;
  cancellations: number;
  enqueued: number;
}

/** Run every step that is due at `now`; each step is its own transaction. */
export async function runSymposiumSteps(deps: StepDeps, now: Date): Promise<StepResult> {
  const r: StepResult = { quiet: 0, drafts: 0, asked: 0, homeNudges: 0, invited: 0, rsvpNudges: 0, eveReminders: 0, soonReminders: 0, summaries: 0, cancellations: 0, enqueued: 0 };
  if (inQuietHours(now, deps.quietHours)) {
    r.quiet = 1;
    return r;
  }
  const add = (k: keyof StepResult) => (x: { claimed: number; enqueued: number }) => {
    r[k] += x.claimed;
    r.enqueued += x.enqueued;
  };
  add("drafts")(await draftStep(deps, now));
  add("asked")(await askStep(deps, now));
  add("homeNudges")(await homeNudgeStep(deps, now));
  add("invited")(await inviteStep(deps, now));
  add("rsvpNudges")(await rsvpNudgeStep(deps, now));
  add("eveReminders")(await attendingStep(deps, now, "eve"));
  add("soonReminders")(await attendingStep(deps, now, "soon"));
  add("summaries")(await summaryStep(deps, now));
  add("cancellations")(await cancelStep(deps, now));
  if (r.enqueued) deps.log.info("symposium steps queued", { ...r });
  return r;
}
