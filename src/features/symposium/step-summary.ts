// After the season: the campaign's summary to the township's organisers, once.
// Raw SQL: what the step takes and the messages it queues commit in one transaction (see steps.ts).
import { dayIndex, isoOfIndex } from "../../domain/symposium/calendar-day.ts";
import { enqueue, type OutboxInput } from "../../outbox/service.ts";
import { beijingDay } from "./service.ts";
import { organisersOf } from "./step-recipients.ts";
import type { StepDeps } from "./steps.ts";
import * as T from "./texts.ts";

/** How long after a season's window the summary may still go out (a restart after that sends none). */
const SUMMARY_DAYS = 7;

/**
 * After the season's window, the township organisers get the campaign's summary once
 * (the outbox key is the "once": a campaign is looked at for SUMMARY_DAYS after its window).
 */
export async function summaryStep(deps: StepDeps, now: Date) {
  const today = beijingDay(now);
  const from = isoOfIndex(dayIndex(today) - SUMMARY_DAYS);
  return deps.sql.transaction(async (tx) => {
    const rows = await tx.query<T.CampaignLabel & { id: number; townshipPath: string; state: string } & Record<"invited" | "answered" | "coming" | "attended" | "ideas" | "closed", number>>(
      `SELECT c.id, a.name AS township, a.path AS "townshipPath", c.season, c."seasonKind", c.year, c.state::text AS state,
              (SELECT count(*)::int FROM "SymposiumInvitee" i WHERE i."campaignId" = c.id) AS invited,
              (SELECT count(*)::int FROM "SymposiumInvitee" i WHERE i."campaignId" = c.id AND i."homeStatus" IS NOT NULL) AS answered,
              (SELECT count(*)::int FROM "SymposiumInvitee" i WHERE i."campaignId" = c.id AND i."homeStatus" = 'coming') AS coming,
              (SELECT count(*)::int FROM "SymposiumInvitee" i WHERE i."campaignId" = c.id AND i."signedInAt" IS NOT NULL) AS attended,
              (SELECT count(*)::int FROM "SymposiumIdea" s WHERE s."campaignId" = c.id) AS ideas,
              (SELECT count(*)::int FROM "SymposiumIdea" s JOIN "FeedbackItem" f ON f.id = s."feedbackId" WHERE s."campaignId" = c.id AND f.status = 'closed') AS closed
         FROM "SymposiumCampaign" c JOIN "Area" a ON a.id = c."townshipId"
        WHERE c.state IN ('asking', 'invited', 'held') AND c."windowEnd" < $1 AND c."windowEnd" >= $2
        ORDER BY c.id`,
      [today, from],
    );
    const out: OutboxInput[] = [];
    for (const c of rows) {
      const text = T.seasonSummary(c, T.STATE_LABEL[c.state]!, c);
      for (const m of await organisersOf(tx, c.townshipPath)) {
        out.push({ key: `symposium:${c.id}:summary:${m.id}`, channel: m.channel, conversation: m.externalId, isGroup: false, text, purpose: "symposium" });
      }
    }
    const enqueued = await enqueue(tx, out, now);
    return { claimed: enqueued ? rows.length : 0, enqueued };
  });
}
