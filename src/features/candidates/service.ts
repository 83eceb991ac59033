import type { Database, Prisma } from "../../db/database.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import type { Category, FeedbackKind, Stage } from "../../domain/glossary.ts";
import { areaLabel } from "../areas/service.ts";
import { symposiumRecords } from "../symposium/record.ts";

const villageSelect = { id: true, name: true, level: true, path: true } as const;

export async function findCandidateById(prisma: Prisma, id: number) {
  return prisma.candidate.findUnique({ where: { id }, include: { village: { select: villageSelect } } });
}

/** Candidates whose name matches, inside an area (or anywhere when `within` is null). */
export async function findCandidatesByName(prisma: Prisma, name: string, within: AreaRef | null) {
  return prisma.candidate.findMany({
    where: { name, ...(within ? { village: underArea(within) } : {}) },
    include: { village: { select: villageSelect } },
    orderBy: { id: "asc" },
    take: 10,
  });
}

export type CandidateWithVillage = NonNullable<Awaited<ReturnType<typeof findCandidateById>>>;

/** Row of `FILE_PARTS`: timestamps as epoch milliseconds, so both drivers read them alike. */
interface FileParts {
  place: string | null;
  messages: { channel: string; count: number; lastMs: number | null }[];
  feedback: Partial<Record<FeedbackKind, number>>;
  thinking_count: number;
  thinking_latest: { text: string; summary: string | null; sentMs: number } | null;
  mentors: string[];
  last_move: { from: Stage; to: Stage; reason: string; atMs: number } | null;
}

// Raw SQL, for one round trip: the file's counts and latest items were eight Prisma
// reads, most of /档案's time at county scale (bench section `county`). Each part
// still reads by the person's own index; the place is the names along the area's path.
const FILE_PARTS = `
SELECT
  (SELECT string_agg(a.name, ' ' ORDER BY length(a.path)) FROM "Area" a
    WHERE a.id = ANY (string_to_array(trim(both '/' from $2::text), '/')::int[])) AS place,
  (SELECT coalesce(json_agg(json_build_object('channel', m.channel, 'count', m.n, 'lastMs', m.last) ORDER BY m.channel), '[]'::json)
     FROM (SELECT channel, count(*)::int AS n, (extract(epoch FROM max("sentAt")) * 1000)::float8 AS last
             FROM "ArchivedMessage" WHERE "candidateId" = $1 GROUP BY channel) m) AS messages,
  (SELECT coalesce(json_object_agg(f.kind, f.n), '{}'::json)
     FROM (SELECT kind, count(*)::int AS n FROM "FeedbackItem" WHERE "candidateId" = $1 GROUP BY kind) f) AS feedback,
  (SELECT count(*)::int FROM "ArchivedMessage" WHERE "candidateId" = $1 AND "remarkKind" = 'thinking') AS thinking_count,
  (SELECT json_build_object('text', t.text, 'summary', t.summary, 'sentMs', (extract(epoch FROM t."sentAt") * 1000)::float8)
     FROM "ArchivedMessage" t WHERE t."candidateId" = $1 AND t."remarkKind" = 'thinking' ORDER BY t."sentAt" DESC LIMIT 1) AS thinking_latest,
  (SELECT coalesce(json_agg(cm."displayName" ORDER BY p."startedAt", p.id), '[]'::json)
     FROM "MentorPair" p JOIN "ChatMember" cm ON cm.id = p."mentorId" WHERE p."candidateId" = $1 AND p."endedAt" IS NULL) AS mentors,
  (SELECT json_build_object('from', s."fromStage", 'to', s."toStage", 'reason', s.reason, 'atMs', (extract(epoch FROM s.at) * 1000)::float8)
     FROM "StageMove" s WHERE s."candidateId" = $1 ORDER BY s.at DESC, s.id DESC LIMIT 1) AS last_move`;

const asDate = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * One person's file (一人一档): the record (as read to name or check the person), where
 * it sits, what they have said and thought, their mentors and last stage move, and their
 * symposiums.
 */
export async function candidateFile(db: Pick<Database, "prisma" | "sql">, c: CandidateWithVillage, symposiumLateMs: number) {
  const [[parts], symposiums] = await Promise.all([
    db.sql.query<FileParts>(FILE_PARTS, [c.id, c.village.path]),
    symposiumRecords(db.prisma, c.id, symposiumLateMs),
  ]);
  const p = parts!;
  const lastMs = p.messages.reduce<number | null>((last, m) => (m.lastMs !== null && (last === null || m.lastMs > last) ? m.lastMs : last), null);
  return {
    candidate: c,
    place: p.place ?? "",
    messageCount: p.messages.reduce((n, m) => n + m.count, 0),
    /** Messages per channel: a person may speak on WeChat and WeCom. */
    messagesByChannel: p.messages.map((m) => ({ channel: m.channel, count: m.count })),
    lastMessageAt: asDate(lastMs),
    feedbackCount: p.feedback,
    symposiums,
    // Thinking goes on the file, not to the open items: how many, and the latest.
    thinking: { count: p.thinking_count, latest: p.thinking_latest && { text: p.thinking_latest.text, summary: p.thinking_latest.summary, sentAt: new Date(p.thinking_latest.sentMs) } },
    /** The display names of their current mentors (结对帮带), longest-standing first. */
    mentors: p.mentors,
    lastMove: p.last_move && { fromStage: p.last_move.from, toStage: p.last_move.to, reason: p.last_move.reason, at: new Date(p.last_move.atMs) },
  };
}
export type CandidateFile = Awaited<ReturnType<typeof candidateFile>>;

/** The register of an area (一乡一册): counts by stage and by category. */
export async function registerSummary(prisma: Prisma, area: AreaRef) {
  const where = { village: underArea(area) };
  const [byStage, byCategory, place] = await Promise.all([
    prisma.candidate.groupBy({ by: ["stage"], where, _count: { _all: true } }),
    prisma.candidate.groupBy({ by: ["category"], where: { ...where, stage: { not: "exited" } }, _count: { _all: true } }),
    areaLabel(prisma, area),
  ]);
  return {
    area,
    place,
    byStage: Object.fromEntries(byStage.map((r) => [r.stage, r._count._all])) as Partial<Record<Stage, number>>,
    byCategory: Object.fromEntries(byCategory.map((r) => [r.category, r._count._all])) as Partial<Record<Category, number>>,
  };
}
export type RegisterSummary = Awaited<ReturnType<typeof registerSummary>>;
