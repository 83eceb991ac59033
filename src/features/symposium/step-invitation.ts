// Once the day is fixed: the invitations, one RSVP reminder to those who have not
// answered, and reminders to those attending the day before and two hours before.
// Raw SQL: what the step takes and the messages it queues commit in one transaction (see steps.ts).
import type { SqlRunner } from "../../db/database.ts";
import { enqueue, type OutboxInput } from "../../outbox/service.ts";
import { campaignsById, groupNotices, meetingOf, peopleOf, privately, privateStep } from "./step-recipients.ts";
import type { StepDeps } from "./steps.ts";
import * as T from "./texts.ts";

const HOUR = 3_600_000;

export async function inviteStep(deps: StepDeps, now: Date) {
  return deps.sql.transaction(async (tx) => {
    const claimed = await tx.query<{ id: number }>(
      `UPDATE "SymposiumCampaign" SET "invitedAt" = $1 WHERE state = 'invited' AND "invitedAt" IS NULL AND "startsAt" > $1 RETURNING id`,
      [now.toISOString()],
    );
    if (!claimed.length) return { claimed: 0, enqueued: 0 };
    const campaigns = await campaignsById(tx, claimed.map((c) => c.id));
    const out: OutboxInput[] = [];
    for (const c of campaigns.values()) {
      // Everyone but those who said they are not coming home this season.
      const ids = await tx.query<{ id: number }>(
        `UPDATE "SymposiumInvitee" SET "invitedAt" = $2 WHERE "campaignId" = $1 AND "homeStatus" IS DISTINCT FROM 'not_coming' RETURNING id`,
        [c.id, now.toISOString()],
      );
      const people = await peopleOf(tx, ids.map((i) => i.id));
      const m = meetingOf(c);
      const changed = c.revision > 1;
      const key = `symposium:${c.id}:r${c.revision}:invite`;
      out.push(...(await groupNotices(tx, c, people, key, T.invitationInGroup(c, m, changed), false)));
      for (const p of people) out.push(...privately(p, `${key}:${p.inviteeId}`, T.invitationPrivately(c, m, p.name, changed)));
    }
    return { claimed: claimed.length, enqueued: await enqueue(tx, out, now) };
  });
}

export function rsvpNudgeStep(deps: StepDeps, now: Date) {
  const claim = (tx: SqlRunner) =>
    tx.query<{ id: number }>(
      `UPDATE "SymposiumInvitee" i SET "rsvpNudgedAt" = $1
         FROM "SymposiumCampaign" c
        WHERE c.id = i."campaignId" AND c.state = 'invited' AND c."startsAt" > $1
          AND i."invitedAt" <= $2 AND i.rsvp IS NULL AND i."rsvpNudgedAt" IS NULL
        RETURNING i.id`,
      [now.toISOString(), new Date(now.getTime() - deps.rsvpReminderMs).toISOString()],
    );
  return privateStep(deps, now, claim, (c, p) => ({
    key: `symposium:${c.id}:r${c.revision}:rsvp-nudge:${p.inviteeId}`,
    text: T.rsvpReminder(c, meetingOf(c), p.name),
  }));
}

/** To those attending: the day before (from 24 h ahead) and two hours before; the first is skipped once the second is due. */
export function attendingStep(deps: StepDeps, now: Date, which: "eve" | "soon") {
  const column = which === "eve" ? "eveRemindedAt" : "soonRemindedAt";
  const [from, to] = which === "eve" ? [now.getTime() + 2 * HOUR, now.getTime() + 24 * HOUR] : [now.getTime(), now.getTime() + 2 * HOUR];
  const claim = (tx: SqlRunner) =>
    tx.query<{ id: number }>(
      `UPDATE "SymposiumInvitee" i SET "${column}" = $1
         FROM "SymposiumCampaign" c
        WHERE c.id = i."campaignId" AND c.state = 'invited' AND i.rsvp = 'yes' AND i."${column}" IS NULL
          AND c."startsAt" > $2 AND c."startsAt" <= $3 ${which === "eve" ? `AND i."soonRemindedAt" IS NULL` : ""}
        RETURNING i.id`,
      [now.toISOString(), new Date(from).toISOString(), new Date(to).toISOString()],
    );
  return privateStep(deps, now, claim, (c, p) => {
    const m = meetingOf(c);
    return { key: `symposium:${c.id}:r${c.revision}:${which}:${p.inviteeId}`, text: which === "eve" ? T.eveReminder(c, m, p.name) : T.soonReminder(m, p.name) };
  });
}
