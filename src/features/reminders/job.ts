// Fire the reminders that are due: one transaction per batch of schedules claims
// each firing (a unique JobRun row), queues one outbox message per target group
// and moves the schedule on. A crash before commit leaves everything as it was;
// after commit the messages are in the outbox, so a firing is never half done.
// Raw SQL here: the due schedules are row-locked (FOR UPDATE SKIP LOCKED) and the
// firing is recorded in one transaction with the outbox.
import type { Logger } from "../../core/logger.ts";
import { pathUnderAreaId } from "../../db/area-sql.ts";
import type { SqlRunner } from "../../db/database.ts";
import { renderTemplate } from "../../domain/reminder-template.ts";
import { dueFirings } from "../../domain/schedule/catch-up.ts";
import { dayAndClock } from "../../domain/time.ts";
import { enqueue, type OutboxInput } from "../../outbox/service.ts";
import { specOf, type ScheduleRow } from "./schedule-row.ts";

export interface ReminderJobDeps {
  sql: SqlRunner;
  /** Recorded on each firing: which instance ran it. */
  instance: string;
  log: Logger;
  /** A firing missed by at most this much is still sent. */
  catchUpMs: number;
}

export interface ReminderRun {
  fired: number;
  skipped: number;
  enqueued: number;
}

const BATCH = 50;

export async function runDueReminders(deps: ReminderJobDeps, now: Date): Promise<ReminderRun> {
  const total: ReminderRun = { fired: 0, skipped: 0, enqueued: 0 };
  for (;;) {
    const batch = await deps.sql.transaction(async (tx) => {
      const due = await tx.query<ScheduleRow>(
        `SELECT * FROM "Schedule"
          WHERE status = 'active' AND "deletedAt" IS NULL AND "nextFiringAt" <= $1
          ORDER BY "nextFiringAt", id LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED`,
        [now.toISOString()],
      );
      const run: ReminderRun & { count: number } = { fired: 0, skipped: 0, enqueued: 0, count: due.length };
      for (const s of due) {
        const r = await fireOne(tx, deps, s, now);
        run.fired += r.fired;
        run.skipped += r.skipped;
        run.enqueued += r.enqueued;
      }
      return run;
    });
    total.fired += batch.fired;
    total.skipped += batch.skipped;
    total.enqueued += batch.enqueued;
    if (batch.count < BATCH) break;
  }
  if (total.fired || total.skipped) deps.log.info("reminders fired", { ...total });
  return total;
}

async function fireOne(tx: SqlRunner, deps: ReminderJobDeps, s: ScheduleRow, now: Date): Promise<ReminderRun> {
  const spec = specOf(s);
  const due = dueFirings(spec, s.nextFiringAt!, now, deps.catchUpMs, s.timeZone);
  const job = `schedule:${s.id}`;
  const runs = [
    ...due.skipped.map((slot, i) => ({
      slot,
      outcome: "skipped",
      // Skipped inside the window means a later firing was sent instead.
      detail: { reason: +now - +slot <= deps.catchUpMs ? "superseded" : "too_late", ...(due.truncated && i === due.skipped.length - 1 ? { moreNotListed: true } : {}) },
    })),
    ...(due.send ? [{ slot: due.send, outcome: "done", detail: { lateMs: +now - +due.send } }] : []),
  ];
  const claimed = await tx.query<{ slot: Date; outcome: string }>(
    `INSERT INTO "JobRun" (job, slot, outcome, detail, instance, at)
     SELECT $1, s, o, d::jsonb, $5, $6 FROM unnest($2::timestamp[], $3::text[], $4::text[]) AS u(s, o, d)
     ON CONFLICT (job, slot) DO NOTHING
     RETURNING slot, outcome`,
    [job, runs.map((r) => r.slot.toISOString()), runs.map((r) => r.outcome), runs.map((r) => JSON.stringify(r.detail)), deps.instance, now.toISOString()],
  );
  let enqueued = 0;
  // Only the instance whose JobRun row went in sends: the row is the claim.
  const sendSlot = due.send && claimed.some((c) => c.outcome === "done") ? due.send : null;
  if (sendSlot) enqueued = await enqueue(tx, await reminderMessages(tx, s, sendSlot), now);
  const last = due.send ?? due.skipped.at(-1) ?? null;
  await tx.query(
    `UPDATE "Schedule" SET "nextFiringAt" = $2, "lastFiringAt" = COALESCE($3, "lastFiringAt"), "lastOutcome" = COALESCE($4, "lastOutcome"),
            status = CASE WHEN $2::timestamp IS NULL THEN 'finished'::"ScheduleStatus" ELSE status END
      WHERE id = $1`,
    [s.id, due.next?.toISOString() ?? null, last?.toISOString() ?? null, last ? (due.send ? "sent" : "skipped") : null],
  );
  return { fired: sendSlot ? 1 : 0, skipped: due.skipped.length, enqueued };
}

/** One message per target group: the schedule's group, or every group in its area. */
async function reminderMessages(tx: SqlRunner, s: ScheduleRow, slot: Date): Promise<OutboxInput[]> {
  const groups = await tx.query<{ id: number; channel: string; externalId: string; topic: string }>(
    s.groupId !== null
      ? `SELECT id, channel, "externalId", topic FROM "LiaisonGroup" WHERE id = $1`
      : `SELECT g.id, g.channel, g."externalId", g.topic FROM "LiaisonGroup" g JOIN "Area" a ON a.id = g."areaId"
          WHERE ${pathUnderAreaId("a.path", 1)} ORDER BY g.id`,
    [s.groupId ?? s.areaId],
  );
  // A training's own date and time, when it is a one-off; otherwise the firing's.
  const when = dayAndClock(s.onceAt ?? slot);
  return groups.map((g) => ({
    key: `reminder:${s.id}:${slot.toISOString()}:${g.id}`,
    channel: g.channel,
    conversation: g.externalId,
    isGroup: true,
    text: renderTemplate(s.template, { 群名: g.topic, 日期: when.day, 时间: when.clock, 主题: s.topic ?? "", 链接: s.link ?? "", 地点: s.place ?? "" }),
    purpose: "reminder" as const,
  }));
}
