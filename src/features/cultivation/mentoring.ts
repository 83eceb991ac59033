// Mentoring pairs (结对帮带) and their contact logs. A mentor logs only for their own
// mentees; pairs rotate by ending one and starting another, history kept.
import { forbidden, notFound, usage } from "../../core/errors.ts";
import type { Database, Db } from "../../db/database.ts";
import { mentorTags, MENTOR_TAG } from "../../domain/cultivation/mentoring.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import { isCadre, type Actor } from "../../domain/permissions.ts";
import { clip } from "../../domain/text.ts";
import { audit } from "../audit.ts";
import { personFor, refuse, requireOver } from "./guard.ts";

/** The open pairs of a mentor (by chat account), with their mentees. */
export function pairsOfMentor(prisma: Db, mentorId: number) {
  return prisma.mentorPair.findMany({ where: { mentorId, endedAt: null }, include: { candidate: { select: { id: true, name: true } } }, orderBy: { id: "asc" } });
}

export async function isMentorOf(prisma: Db, memberId: number | null, candidateId: number): Promise<boolean> {
  if (memberId === null) return false;
  return (await prisma.mentorPair.count({ where: { mentorId: memberId, candidateId, endedAt: null } })) > 0;
}

/** The pairs of the people inside an area (open ones unless `ended`), with the mentor's name and the last logged contact. */
export async function pairsIn(prisma: Db, area: AreaRef, opts: { ended?: boolean } = {}) {
  const pairs = await prisma.mentorPair.findMany({
    where: { candidate: { village: underArea(area) }, ...(opts.ended ? {} : { endedAt: null }) },
    include: { candidate: { select: { id: true, name: true } }, logs: { orderBy: { at: "desc" }, take: 1 } },
    // Newest first: with ended pairs shown, a long history must not push out the current ones.
    orderBy: { id: "desc" },
    take: 1000,
  });
  const mentors = new Map((await prisma.chatMember.findMany({ where: { id: { in: pairs.map((p) => p.mentorId) } }, select: { id: true, displayName: true } })).map((m) => [m.id, m.displayName]));
  return pairs.map((p) => ({ id: p.id, candidate: p.candidate, mentorId: p.mentorId, mentor: mentors.get(p.mentorId) ?? null, startedAt: p.startedAt, endedAt: p.endedAt, lastContactAt: p.logs[0]?.at ?? null }));
}

/** Pair a person with a cadre's account; `rotate` ends the person's other open pairs first. */
export async function pairMentor(db: Database, actor: Actor, input: { candidateId: number; mentorId: number; rotate?: boolean }, now: Date) {
  const prisma = db.prisma;
  const action = "mentor.pair";
  const person = await personFor(prisma, actor, input.candidateId, action);
  await requireOver(prisma, actor, person, "village_cadre", action);
  const mentor = await prisma.chatMember.findUnique({ where: { id: input.mentorId } });
  if (!mentor || !isCadre({ memberId: mentor.id, role: mentor.role, candidateId: null, area: null })) {
    return refuse(prisma, actor, action, usage("帮带人须是县、乡镇或村干部（已在苗圃绑定干部身份的人）。", "/帮带 结对 @李娟 @王书记"));
  }
  const open = await prisma.mentorPair.findFirst({ where: { candidateId: person.id, mentorId: mentor.id, endedAt: null } });
  if (open) return refuse(prisma, actor, action, usage(`${mentor.displayName}已在帮带${person.name}。`, "/帮带 结对 @李娟 @王书记"));
  const pair = await db.transaction(async ({ prisma: tx }) => {
    if (input.rotate) await tx.mentorPair.updateMany({ where: { candidateId: person.id, endedAt: null }, data: { endedAt: now } });
    const p = await tx.mentorPair.create({ data: { candidateId: person.id, mentorId: mentor.id, startedAt: now, createdById: actor.memberId } });
    await audit(tx, { actorId: actor.memberId, action, outcome: "ok", entity: "MentorPair", entityId: p.id, detail: { candidateId: person.id, mentorId: mentor.id, rotate: !!input.rotate } });
    return p;
  });
  return { pair, person, mentor };
}

/** A mentor logs a contact with their mentee; refused for anyone not theirs. */
export async function logContact(db: Database, actor: Actor, candidateId: number, note: string, now: Date) {
  const prisma = db.prisma;
  const action = "mentor.log";
  const pair = actor.memberId === null ? null : await prisma.mentorPair.findFirst({ where: { mentorId: actor.memberId, candidateId, endedAt: null }, include: { candidate: true } });
  if (!pair) return refuse(prisma, actor, action, forbidden("您不是此人的帮带人，只能为自己结对帮带的人记录。"), { entity: "Candidate", entityId: candidateId });
  const text = note.trim();
  if ([...text].length < 4) return refuse(prisma, actor, action, usage("请写一句谈了什么（至少4个字）。", "/帮带 记录 @李娟 谈了合作社的想法 #经验"));
  const log = await prisma.mentorLog.create({ data: { pairId: pair.id, tags: mentorTags(text), note: clip(text, 1000), at: now } });
  await audit(prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "MentorLog", entityId: log.id });
  return { log, name: pair.candidate.name };
}

export async function endPair(db: Database, actor: Actor, pairId: number, now: Date) {
  const action = "mentor.end";
  const pair = await db.prisma.mentorPair.findUnique({ where: { id: pairId } });
  if (!pair) return refuse(db.prisma, actor, action, notFound(`没有结对 #${pairId}。`));
  const person = await personFor(db.prisma, actor, pair.candidateId, action);
  await requireOver(db.prisma, actor, person, "village_cadre", action);
  await db.prisma.mentorPair.update({ where: { id: pairId }, data: { endedAt: pair.endedAt ?? now } });
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "MentorPair", entityId: pairId });
}

export const tagLabels = (tags: string[]) => tags.map((t) => MENTOR_TAG[t as keyof typeof MENTOR_TAG] ?? t).join("、");
