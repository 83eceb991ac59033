import type { Prisma } from "../../db/database.ts";
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

/** One person's file (一人一档): the record (as read to name or check the person), where it sits, what they have said and thought, and their symposiums. */
export async function candidateFile(prisma: Prisma, c: CandidateWithVillage, symposiumLateMs: number) {
  const id = c.id;
  // Count and latest in one pass over the person's (candidateId, sentAt) index.
  const [place, messages, feedback, symposiums, thinking] = await Promise.all([
    areaLabel(prisma, c.village),
    prisma.archivedMessage.groupBy({ by: ["channel"], where: { candidateId: id }, _count: { _all: true }, _max: { sentAt: true }, orderBy: { channel: "asc" } }),
    prisma.feedbackItem.groupBy({ by: ["kind"], where: { candidateId: id }, _count: { _all: true } }),
    symposiumRecords(prisma, id, symposiumLateMs),
    // Thinking goes on the file, not to the open items: how many, and the latest.
    Promise.all([
      prisma.archivedMessage.count({ where: { candidateId: id, remarkKind: "thinking" } }),
      prisma.archivedMessage.findFirst({ where: { candidateId: id, remarkKind: "thinking" }, orderBy: { sentAt: "desc" }, select: { text: true, summary: true, sentAt: true } }),
    ]),
  ]);
  return {
    candidate: c,
    place,
    messageCount: messages.reduce((n, m) => n + m._count._all, 0),
    /** Messages per channel: a person may speak on WeChat and WeCom. */
    messagesByChannel: messages.map((m) => ({ channel: m.channel, count: m._count._all })),
    lastMessageAt: messages.reduce<Date | null>((last, m) => (m._max.sentAt && (!last || m._max.sentAt > last) ? m._max.sentAt : last), null),
    feedbackCount: Object.fromEntries(feedback.map((f) => [f.kind, f._count._all])) as Partial<Record<FeedbackKind, number>>,
    symposiums,
    thinking: { count: thinking[0], latest: thinking[1] },
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
