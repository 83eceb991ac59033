// A meeting cancelled after its invitations went out: the notice to the groups and to
// everyone invited.
// Raw SQL: what the step takes and the messages it queues commit in one transaction (see steps.ts).
import { enqueue, type OutboxInput } from "../../outbox/service.ts";
import { campaignsById, groupNotices, meetingOf, peopleOf, privately } from "./step-recipients.ts";
import type { StepDeps } from "./steps.ts";
import * as T from "./texts.ts";

/**
 * A meeting cancelled after its invitations went out: the group and everyone invited
 * are told, once (the outbox keys), while the meeting's time has not passed.
 */
export async function cancelStep(deps: StepDeps, now: Date) {
  return deps.sql.transaction(async (tx) => {
    const ids = await tx.query<{ id: number }>(
      `SELECT id FROM "SymposiumCampaign" WHERE state = 'cancelled' AND "invitedAt" IS NOT NULL AND "startsAt" > $1 ORDER BY id`,
      [now.toISOString()],
    );
    if (!ids.length) return { claimed: 0, enqueued: 0 };
    const campaigns = await campaignsById(tx, ids.map((c) => c.id));
    const out: OutboxInput[] = [];
    for (const c of campaigns.values()) {
      const invited = await tx.query<{ id: number }>(`SELECT id FROM "SymposiumInvitee" WHERE "campaignId" = $1 AND "invitedAt" IS NOT NULL ORDER BY id`, [c.id]);
      const people = await peopleOf(tx, invited.map((i) => i.id));
      const m = meetingOf(c);
      const key = `symposium:${c.id}:r${c.revision}:cancel`;
      out.push(...(await groupNotices(tx, c, people, key, T.cancelledInGroup(c, m), false)));
      for (const p of people) out.push(...privately(p, `${key}:${p.inviteeId}`, T.cancelledPrivately(c, m, p.name)));
    }
    const enqueued = await enqueue(tx, out, now);
    return { claimed: enqueued ? campaigns.size : 0, enqueued };
  });
}
