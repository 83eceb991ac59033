import { pathUnder } from "../../db/area-sql.ts";
import type { Database } from "../../db/database.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import { DIGEST_LINES, type DigestData, type DigestItem } from "../../domain/digest.ts";
import type { RemarkKind, Topic } from "../../domain/glossary.ts";
import { areaLabel } from "../areas/service.ts";

const DAY_MS = 86_400_000;

// Words of doubt, for thinking the model did not read (it gives a sentiment).
const UNSURE = /犹豫|纠结|担心|顾虑|不确定|没底|拿不准|要不要回|迷茫|压力大|心里没数|不知道该不该|怕/;

const itemInclude = {
  candidate: { select: { name: true } },
  author: { select: { displayName: true } },
  area: { select: { name: true } },
} as const;

// A message belongs to an area by its sender's village, or else by its group's area.
const MESSAGE_AREA = `COALESCE(v.path, ga.path)`;
const MESSAGE_JOINS = `LEFT JOIN "Candidate" c ON c.id = m."candidateId"
  LEFT JOIN "Area" v ON v.id = c."villageId"
  LEFT JOIN "LiaisonGroup" g ON g.id = m."groupId"
  LEFT JOIN "Area" ga ON ga.id = g."areaId"`;

/**
 * Everything the digest says about `area` for [from, to), from stored data. Raw SQL
 * for the counts over messages (one grouped scan each instead of a query per topic
 * and week); Prisma for the items.
 */
export async function buildDigest(db: Database, area: AreaRef, from: Date, to: Date, quietWeeks: number): Promise<DigestData> {
  const { prisma, sql } = db;
  const len = Math.max(DAY_MS, to.getTime() - from.getTime());
  const earliest = new Date(from.getTime() - 4 * len);
  const ideaWhere = { area: underArea(area), kind: "idea" as const, status: { not: "closed" as const }, createdAt: { gte: from, lt: to } };
  const requestWhere = { area: underArea(area), kind: "request" as const, status: "open" as const, createdAt: { lt: to } };
  const quietSince = new Date(to.getTime() - quietWeeks * 7 * DAY_MS);

  const [place, ideas, ideaCount, requests, requestCount, topicRows, kindRows, quiet, thinking] = await Promise.all([
    areaLabel(prisma, area),
    prisma.feedbackItem.findMany({ where: ideaWhere, include: itemInclude, orderBy: { id: "asc" }, take: DIGEST_LINES }),
    prisma.feedbackItem.count({ where: ideaWhere }),
    prisma.feedbackItem.findMany({ where: requestWhere, include: itemInclude, orderBy: { createdAt: "asc" }, take: DIGEST_LINES }),
    prisma.feedbackItem.count({ where: requestWhere }),
    sql.query<{ topic: Topic; period: number; n: number }>(
      `SELECT m."remarkTopic" AS topic, floor(extract(epoch FROM (m."sentAt" - $2::timestamptz)) * 1000 / $4)::int AS period, count(*)::int AS n
         FROM "ArchivedMessage" m ${MESSAGE_JOINS}
        WHERE m."remarkTopic" IS NOT NULL AND m."sentAt" >= $5 AND m."sentAt" < $3 AND ${pathUnder(MESSAGE_AREA, 1)}
        GROUP BY 1, 2`,
      [area.path, from.toISOString(), to.toISOString(), len, earliest.toISOString()],
    ),
    sql.query<{ kind: RemarkKind; n: number }>(
      `SELECT m."remarkKind" AS kind, count(*)::int AS n FROM "ArchivedMessage" m ${MESSAGE_JOINS}
        WHERE m."remarkKind" IS NOT NULL AND m."sentAt" >= $2 AND m."sentAt" < $3 AND ${pathUnder(MESSAGE_AREA, 1)}
        GROUP BY 1`,
      [area.path, from.toISOString(), to.toISOString()],
    ),
    // People on the register, in chat, who have said nothing since `quietSince`.
    sql.query<{ name: string; lastMessageAt: Date | null }>(
      `SELECT c.name, (SELECT max(m."sentAt") FROM "ArchivedMessage" m WHERE m."candidateId" = c.id AND m."sentAt" < $3) AS "lastMessageAt"
         FROM "Candidate" c JOIN "Area" v ON v.id = c."villageId"
        WHERE ${pathUnder("v.path", 1)} AND c.stage <> 'exited'
          AND EXISTS (SELECT 1 FROM "ChatMember" cm WHERE cm."candidateId" = c.id)
          AND NOT EXISTS (SELECT 1 FROM "ArchivedMessage" m WHERE m."candidateId" = c.id AND m."sentAt" >= $2 AND m."sentAt" < $3)
        ORDER BY c.id`,
      [area.path, quietSince.toISOString(), to.toISOString()],
    ),
    sql.query<{ who: string; text: string; summary: string | null; sentiment: string | null }>(
      `SELECT COALESCE(c.name, mb."displayName") AS who, m.text, m.summary, m.sentiment
         FROM "ArchivedMessage" m ${MESSAGE_JOINS} JOIN "ChatMember" mb ON mb.id = m."memberId"
        WHERE m."remarkKind" = 'thinking' AND m."sentAt" >= $2 AND m."sentAt" < $3 AND ${pathUnder(MESSAGE_AREA, 1)}
        ORDER BY m."sentAt"`,
      [area.path, from.toISOString(), to.toISOString()],
    ),
  ]);

  const item = (f: (typeof ideas)[number]): DigestItem => ({
    id: f.id,
    text: f.text,
    who: f.anonymous ? null : (f.candidate?.name ?? f.author?.displayName ?? null),
    place: f.area.name,
    createdAt: f.createdAt,
  });
  const topics = new Map<Topic, { count: number; earlier: number }>();
  for (const r of topicRows) {
    const t = topics.get(r.topic) ?? { count: 0, earlier: 0 };
    if (r.period === 0) t.count += r.n;
    else t.earlier += r.n;
    topics.set(r.topic, t);
  }
  const thoughts = thinking.map((t) => ({ who: t.who, text: t.text, summary: t.summary, negative: t.sentiment === "negative" || UNSURE.test(t.text) }));
  // Doubts first: they are what an organiser follows up.
  thoughts.sort((a, b) => Number(b.negative) - Number(a.negative));
  return {
    place,
    from,
    to,
    ideas: ideas.map(item),
    ideaCount,
    openRequests: requests.map(item),
    openRequestCount: requestCount,
    topics: [...topics].map(([topic, t]) => ({ topic, count: t.count, before: t.earlier / 4 })).sort((a, b) => b.count - a.count),
    quiet: quiet.map((q) => ({ name: q.name, lastMessageAt: q.lastMessageAt })),
    quietWeeks,
    thinking: thoughts.slice(0, DIGEST_LINES),
    thinkingCount: thinking.length,
    kinds: Object.fromEntries(kindRows.map((k) => [k.kind, k.n])),
  };
}
