// Once an organiser confirms: "are you coming home, and when?" in the groups (and
// privately), then one reminder to the silent and one follow-up to the unsure.
// Raw SQL: what the step takes and the messages it queues commit in one transaction (see steps.ts).
import type { SqlRunner } from "../../db/database.ts";
import { enqueue, type OutboxInput } from "../../outbox/service.ts";
import { campaignsById, groupNotices, peopleOf, privately, privateStep } from "./step-recipients.ts";
import type { StepDeps } from "./steps.ts";
import * as T from "./texts.ts";

export async function askStep(deps: StepDeps, now: Date) {
  return deps.sql.transaction(async (tx) => {
    const claimed = await tx.query<{ id: number }>(
      `UPDATE "SymposiumCampaign" SET "askedAt" = $1 WHERE state = 'asking' AND "askedAt" IS NULL RETURNING id`,
      [now.toISOString()],
    );
    if (!claimed.length) return { claimed: 0, enqueued: 0 };
    const campaigns = await campaignsById(tx, claimed.map((c) => c.id));
    const out: OutboxInput[] = [];
    for (const c of campaigns.values()) {
      const ids = await tx.query<{ id: number }>(`SELECT id FROM "SymposiumInvitee" WHERE "campaignId" = $1 ORDER BY id`, [c.id]);
      const people = await peopleOf(tx, ids.map((i) => i.id));
      out.push(...(await groupNotices(tx, c, people, `symposium:${c.id}:ask`, T.askInGroup(c), true)));
      if (deps.askPrivately) for (const p of people) out.push(...privately(p, `symposium:${c.id}:ask:${p.inviteeId}`, T.askPrivately(c, p.name)));
    }
    return { claimed: claimed.length, enqueued: await enqueue(tx, out, now) };
  });
}

export function homeNudgeStep(deps: StepDeps, now: Date) {
  // One reminder to those who said nothing, one follow-up to those who were unsure; then nothing more.
  const claim = (tx: SqlRunner) =>
    tx.query<{ id: number }>(
      `UPDATE "SymposiumInvitee" i SET "homeNudgedAt" = $1
         FROM "SymposiumCampaign" c
        WHERE c.id = i."campaignId" AND c.state = 'asking' AND i."homeNudgedAt" IS NULL
          AND ((i."homeStatus" IS NULL AND c."askedAt" <= $2) OR (i."homeStatus" = 'unclear' AND i."homeAt" <= $2))
        RETURNING i.id`,
      [now.toISOString(), new Date(now.getTime() - deps.homeReminderMs).toISOString()],
    );
  return privateStep(deps, now, claim, (c, p) => ({
    key: `symposium:${c.id}:home-nudge:${p.inviteeId}`,
    text: p.homeStatus === "unclear" ? T.homeFollowUp(c, p.name, p.homeText ?? "") : T.homeReminder(c, p.name),
  }));
}
