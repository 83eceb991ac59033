// The weekly study round: a summary to each group, to cadres the people who have
// not checked in for N days, and a gentle nudge to those people (once a week at
// most). Everything for one slot is queued in one transaction that also marks
// the slot done, so a crash leaves the slot "started" and the round is redone.
// Raw SQL here: everything for a slot is queued in one transaction with the outbox.
import type { Logger } from "../../core/logger.ts";
import { pathCovers, pathUnder } from "../../db/area-sql.ts";
import type { SqlRunner } from "../../db/database.ts";
import { areaContains } from "../../domain/area.ts";
import { SEND_ONLY_CHANNELS } from "../../domain/glossary.ts";
import { TIME_ZONE } from "../../domain/time.ts";
import { cadreDigestText, groupCountText, groupSummaryText, nudgeText, silentPeople, weekOf, type StudyPerson } from "../../domain/study-week.ts";
import { claimSlot, lastSlot } from "../../jobs/scheduler.ts";
import type { Outbox } from "../../outbox/index.ts";
import type { OutboxInput } from "../../outbox/service.ts";

export const STUDY_JOB = "study-week";

export interface StudyJobDeps {
  sql: SqlRunner;
  instance: string;
  log: Logger;
  silentDays: number;
  nudge: "mention" | "private" | "off";
  /** Queues inside the round's transaction (and sends private messages where the person prefers). */
  outbox: Pick<Outbox, "enqueue">;
  /** Name people in the group summary (off by default: counts only). */
  names: boolean;
}

interface Person extends StudyPerson {
  externalId: string;
  villagePath: string;
}

/** Queue the round for `slot`; idempotent (outbox keys and the nudge register make a rerun add nothing). */
export async function runWeeklyStudy(deps: StudyJobDeps, slot: Date, now: Date): Promise<{ enqueued: number }> {
  // Sent on a Sunday evening the round covers that week; sent on a Monday morning, the week just ended.
  const week = weekOf(new Date(slot.getTime() - 86_400_000));
  const enqueued = await deps.sql.transaction(async (tx) => {
    const groups = await tx.query<{ id: number; channel: string; externalId: string; topic: string; path: string }>(
      `SELECT g.id, g.channel, g."externalId", g.topic, a.path FROM "LiaisonGroup" g JOIN "Area" a ON a.id = g."areaId" ORDER BY g.id`,
    );
    let n = 0;
    for (const g of groups) n += await deps.outbox.enqueue(await groupRound(tx, deps, g, week, slot), now, tx);
    await tx.query(`UPDATE "JobRun" SET outcome = 'done', detail = $3::jsonb WHERE job = $1 AND slot = $2`, [
      STUDY_JOB,
      slot.toISOString(),
      JSON.stringify({ week: week.key, groups: groups.length, enqueued: n }),
    ]);
    return n;
  });
  deps.log.info("weekly study round queued", { week: week.key, enqueued });
  return { enqueued };
}

async function groupRound(
  tx: SqlRunner,
  deps: StudyJobDeps,
  g: { id: number; channel: string; externalId: string; topic: string; path: string },
  week: ReturnType<typeof weekOf>,
  slot: Date,
): Promise<OutboxInput[]> {
  // A send-only group (a WeCom robot's) has no accounts of its own: it gets the summary of
  // the area's people on whatever channel they use; digests and nudges go through their own groups.
  const sendOnly = SEND_ONLY_CHANNELS.has(g.channel);
  const people = await tx.query<Person>(
    `SELECT m.id AS "memberId", m."externalId", c.name, v.path AS "villagePath",
            (SELECT count(*)::int FROM "StudyCheckin" s WHERE s."candidateId" = c.id AND s.at >= $3 AND s.at <= $4) AS checkins,
            (SELECT max(s.at) FROM "StudyCheckin" s WHERE s."candidateId" = c.id AND s.at <= $4) AS "lastCheckinAt"
       FROM "Candidate" c
       JOIN "Area" v ON v.id = c."villageId"
       JOIN LATERAL (SELECT id, "externalId" FROM "ChatMember" m WHERE m."candidateId" = c.id AND (m.channel = $2 OR $5::bool) ORDER BY id LIMIT 1) m ON true
      WHERE ${pathUnder("v.path", 1)} AND c.stage <> 'exited'
      ORDER BY c.id`,
    [g.path, g.channel, week.start.toISOString(), slot.toISOString(), sendOnly],
  );
  if (!people.length) return [];
  const out: OutboxInput[] = [];
  const base = { channel: g.channel } as const;
  out.push({ ...base, key: `study-summary:${g.id}:${week.key}`, conversation: g.externalId, isGroup: true, text: (deps.names ? groupSummaryText : groupCountText)(g.topic, week.label, people), purpose: "summary" });
  if (sendOnly) return out;

  const silent = silentPeople(people, slot, deps.silentDays) as Person[];
  if (!silent.length) return out;
  // Cadres whose area covers the group, or a village inside it; each hears about their own area's people.
  const cadres = await tx.query<{ id: number; externalId: string; path: string }>(
    `SELECT m.id, m."externalId", a.path FROM "ChatMember" m JOIN "Area" a ON a.id = m."areaId"
      WHERE m.channel = $1 AND m.role IN ('village_cadre', 'township_organiser')
        AND (${pathCovers("a.path", 2)} OR ${pathUnder("a.path", 2)})
      ORDER BY m.id`,
    [g.channel, g.path],
  );
  for (const c of cadres) {
    const theirs = silent.filter((p) => areaContains(c, { path: p.villagePath }));
    if (!theirs.length) continue;
    out.push({ ...base, key: `study-digest:${g.id}:${c.id}:${week.key}`, conversation: c.externalId, isGroup: false, text: cadreDigestText(g.topic, theirs, deps.silentDays, slot), purpose: "digest" });
  }

  if (deps.nudge === "off") return out;
  // The register makes "once a week" hold across groups and reruns.
  const fresh = await tx.query<{ memberId: number }>(
    `INSERT INTO "StudyNudge" ("memberId", week) SELECT unnest($1::int[]), $2 ON CONFLICT DO NOTHING RETURNING "memberId"`,
    [silent.map((p) => p.memberId), week.key],
  );
  const nudged = silent.filter((p) => fresh.some((f) => f.memberId === p.memberId));
  if (!nudged.length) return out;
  if (deps.nudge === "mention") {
    out.push({
      ...base,
      key: `study-nudge:${g.id}:${week.key}`,
      conversation: g.externalId,
      isGroup: true,
      text: nudgeText("group", nudged.map((p) => p.name)),
      mentions: nudged.map((p) => ({ id: p.externalId, name: p.name })),
      purpose: "nudge",
    });
  } else {
    for (const p of nudged) {
      out.push({ ...base, key: `study-nudge:${p.memberId}:${week.key}`, conversation: p.externalId, isGroup: false, text: nudgeText("private", [p.name]), purpose: "nudge" });
    }
  }
  return out;
}

/**
 * At start-up: a round whose time passed while the bot was down (within the
 * catch-up window), or one an instance began and did not finish, is run now.
 */
export async function catchUpWeeklyStudy(deps: StudyJobDeps & { cron: string; catchUpMs: number }, now: Date): Promise<boolean> {
  // The scheduler's own engine, so the slot caught up is the slot the tick would have run.
  const slot = lastSlot(deps.cron, new Date(now.getTime() - deps.catchUpMs), now, TIME_ZONE);
  if (!slot) return false;
  const claimed = await claimSlot(deps.sql, STUDY_JOB, slot, deps.instance);
  if (!claimed) {
    const [row] = await deps.sql.query<{ outcome: string }>(`SELECT outcome FROM "JobRun" WHERE job = $1 AND slot = $2`, [STUDY_JOB, slot.toISOString()]);
    if (row?.outcome !== "started") return false;
  }
  await runWeeklyStudy(deps, slot, now);
  return true;
}
