import type { Prisma, SqlRunner } from "../../db/database.ts";
import type { AreaRef } from "../../domain/area.ts";
import type { FeedbackKind, FeedbackStatus, Topic } from "../../domain/glossary.ts";
import { underArea } from "../areas/areas.ts";

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
 * File an item and its audit line in one statement: atomic, and one round trip on the
 * message path (through Prisma the two writes cost several times the archive insert).
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

export async function listFeedback(prisma: Prisma, area: AreaRef, status: FeedbackStatus | undefined, take: number, skip = 0) {
  const where = { area: underArea(area), ...(status ? { status } : {}) };
  const [items, total] = await Promise.all([
    prisma.feedbackItem.findMany({ where, include: itemInclude, orderBy: { id: "desc" }, take, skip }),
    prisma.feedbackItem.count({ where }),
  ]);
  return { items, total };
}

/** Answer or close an item; only an item still open or answered can change. */
export async function respond(
  prisma: Prisma,
  id: number,
  change: { status: "answered" | "closed"; response: string | null; responderId: number; at: Date },
) {
  return prisma.feedbackItem.update({
    where: { id },
    data: { status: change.status, response: change.response, responderId: change.responderId, respondedAt: change.at },
    include: itemInclude,
  });
}
