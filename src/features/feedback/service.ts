import type { Db, Prisma, SqlRunner } from "../../db/database.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import { FEEDBACK_KIND, type FeedbackKind, type FeedbackStatus, type Topic } from "../../domain/glossary.ts";
import { audit } from "../audit.ts";
import type { Services } from "../context.ts";
import { excerpt } from "../../domain/text.ts";

/** An item keeps this much of what was said. */
export const MAX_FEEDBACK_CHARS = 2000;

export interface NewFeedback {
  kind: FeedbackKind;
  topic: Topic;
  text: string;
  detectedBy: "explicit" | string;
  messageId: number | null;
  candidateId: number | null;
  authorId: number;
  groupId: number | null;
  areaId: number;
}

/**
 * File an item and its audit line in one statement (raw SQL: the message hot path —
 * atomic, and one round trip; through Prisma the two writes cost several times the
 * archive insert).
 */
export async function createFeedback(sql: SqlRunner, f: NewFeedback, actorId: number, at: Date): Promise<{ id: number }> {
  const rows = await sql.query<{ id: number }>(
    `WITH item AS (
       INSERT INTO "FeedbackItem" (kind, topic, text, "detectedBy", "messageId", "candidateId", "authorId", "groupId", "areaId", "createdAt")
       VALUES ($1::"FeedbackKind", $2::"FeedbackTopic", $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id
     ), logged AS (
       INSERT INTO "AuditLog" (at, "actorId", action, outcome, entity, "entityId", detail)
       SELECT $10, $11, 'feedback.create', 'ok', 'FeedbackItem', id::text, $12::jsonb FROM item
     )
     SELECT id FROM item`,
    [f.kind, f.topic, f.text, f.detectedBy, f.messageId, f.candidateId, f.authorId, f.groupId, f.areaId, at.toISOString(), actorId, JSON.stringify({ detectedBy: f.detectedBy })],
  );
  return rows[0]!;
}

const itemInclude = {
  area: { select: { id: true, name: true, level: true, path: true } },
  author: { select: { displayName: true, externalId: true, channel: true } },
  candidate: { select: { id: true, name: true } },
  group: { select: { externalId: true, channel: true, topic: true } },
} as const;

export async function findFeedback(prisma: Prisma, id: number) {
  return prisma.feedbackItem.findUnique({ where: { id }, include: itemInclude });
}
export type FeedbackWithRefs = NonNullable<Awaited<ReturnType<typeof findFeedback>>>;

export interface FeedbackFilter {
  status?: FeedbackStatus;
  kind?: FeedbackKind;
  topic?: Topic;
  candidateId?: number;
}

/** Items inside an area, newest first; `total` counts at most `countCap` (a page need not count a county's history). */
export async function listFeedback(prisma: Prisma, area: AreaRef, filter: FeedbackFilter, take: number, skip = 0, countCap = 10_001) {
  const where = {
    area: underArea(area),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.topic ? { topic: filter.topic } : {}),
    ...(filter.candidateId ? { candidateId: filter.candidateId } : {}),
  };
  const [items, total] = await Promise.all([
    prisma.feedbackItem.findMany({ where, include: itemInclude, orderBy: { id: "desc" }, take, skip }),
    prisma.feedbackItem.count({ where, take: countCap }),
  ]);
  return { items, total };
}

/** Answer or close an item; only an item still open or answered can change. One UPDATE: callers already hold the item. */
export async function respond(
  prisma: Db,
  id: number,
  change: { status: "answered" | "closed"; response: string | null; responderId: number | null; at: Date },
): Promise<void> {
  await prisma.feedbackItem.update({
    where: { id },
    data: { status: change.status, response: change.response, responderId: change.responderId, respondedAt: change.at },
    select: { id: true },
  });
}

/**
 * Answer an item: the answer is stored, audited and queued for the person in one
 * transaction — in the group the item came from, @-mentioning them, or privately.
 * Returns where it goes; null for an anonymous suggestion, whose answer is stored and
 * goes to nobody (sending it would need the link kept only for abuse handling).
 * `key` names the cadre's act (their message), so a redelivered /回复 queues nothing twice.
 */
export async function answerFeedback(
  services: Services,
  item: FeedbackWithRefs,
  a: { text: string; responderId: number | null; responderName: string; key: string; at: Date },
): Promise<{ channel: string; conversation: string; isGroup: boolean; name: string } | null> {
  const author = item.anonymous ? null : item.author;
  const to = !author
    ? null
    : item.group
      ? { channel: item.group.channel, conversation: item.group.externalId, isGroup: true, name: item.candidate?.name ?? author.displayName }
      : { channel: author.channel, conversation: author.externalId, isGroup: false, name: item.candidate?.name ?? author.displayName };
  const post = `关于您的${FEEDBACK_KIND[item.kind]} #${item.id}（“${excerpt(item.text, 20)}”），${a.responderName}答复：${a.text}`;
  await services.db.transaction(async (tx) => {
    await respond(tx.prisma, item.id, { status: "answered", response: a.text, responderId: a.responderId, at: a.at });
    await audit(tx.prisma, { actorId: a.responderId, action: "feedback.answer", outcome: "ok", entity: "FeedbackItem", entityId: item.id });
    if (!to || !author) return;
    await services.outbox.enqueue(
      [{ key: `answer:${item.id}:${a.key}`, ...to, text: post, mentions: to.isGroup ? [{ id: author.externalId, name: author.displayName }] : [], purpose: "answer", priority: 50 }],
      a.at,
      tx.sql,
    );
  });
  if (to) services.outbox.wake(to.channel); // committed now: the sender finds it at once
  return to;
}
