// The weekly round: one digest per township, privately to each of its organisers,
// through the outbox (keyed per township, organiser and week: a rerun queues nothing new).
import type { AreaRef } from "../../domain/area.ts";
import { digestFacts, digestText } from "../../domain/digest.ts";
import { weekOf } from "../../domain/study-week.ts";
import { TIME_ZONE } from "../../domain/time.ts";
import { claimSlot, lastSlot, markDone } from "../../jobs/scheduler.ts";
import type { Services } from "../context.ts";
import { buildDigest } from "./service.ts";

export const DIGEST_JOB = "weekly-digest";

/** The digest of an area and period as text: the facts, and the model's prose when it gives some. */
export async function digestFor(services: Services, area: AreaRef, from: Date, to: Date): Promise<{ text: string; data: Awaited<ReturnType<typeof buildDigest>>; prose: string | null }> {
  const data = await buildDigest(services.db, area, from, to, services.config.digest.quietWeeks);
  // Only counts go to the model, and nothing at all about an area kept off it.
  const allowed = services.model && (await services.modelQueue?.allows(area)) !== false;
  const prose = allowed ? await services.model!.prose(digestFacts(data)) : null;
  return { text: digestText(data, prose), data, prose };
}

export async function runWeeklyDigest(services: Services, slot: Date, now: Date): Promise<{ townships: number; enqueued: number }> {
  const { prisma } = services.db;
  // Sent on a Monday morning the digest covers the week just ended.
  const week = weekOf(new Date(slot.getTime() - 86_400_000));
  const townships = await prisma.area.findMany({ where: { level: "township" }, select: { id: true, name: true, level: true, path: true }, orderBy: { id: "asc" } });
  let enqueued = 0;
  let built = 0;
  for (const t of townships) {
    const organisers = await prisma.chatMember.findMany({ where: { role: "township_organiser", areaId: t.id }, orderBy: { id: "asc" } });
    if (!organisers.length) continue;
    const { text } = await digestFor(services, t, week.start, week.end);
    built++;
    enqueued += await services.outbox.enqueue(
      organisers.map((o) => ({ key: `digest:${t.id}:${o.id}:${week.key}`, channel: o.channel, conversation: o.externalId, isGroup: false, text, purpose: "digest" })),
      now,
    );
  }
  services.log.info("weekly digest queued", { week: week.key, townships: built, enqueued });
  return { townships: built, enqueued };
}

/** At start-up: a digest whose time passed while the bot was down (within the catch-up window) is sent now. */
export async function catchUpWeeklyDigest(services: Services, now: Date): Promise<boolean> {
  const { config, db } = services;
  const slot = lastSlot(config.digest.cron, new Date(now.getTime() - config.reminderCatchUpMs), now, TIME_ZONE);
  if (!slot) return false;
  if (!(await claimSlot(db.sql, DIGEST_JOB, slot, config.instanceId))) {
    const [row] = await db.sql.query<{ outcome: string }>(`SELECT outcome FROM "JobRun" WHERE job = $1 AND slot = $2`, [DIGEST_JOB, slot.toISOString()]);
    if (row?.outcome !== "started") return false;
  }
  await runWeeklyDigest(services, slot, now);
  await markDone(db.sql, DIGEST_JOB, slot);
  return true;
}
