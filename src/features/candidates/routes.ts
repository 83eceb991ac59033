import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import { parse } from "../../core/validate.ts";
import { underArea } from "../../domain/area.ts";
import { CATEGORY, GENDER, SOURCE, STAGE } from "../../domain/glossary.ts";
import { canSeeCandidate } from "../../domain/permissions.ts";
import { maskPhone } from "../../domain/phone.ts";
import { feedbackJson } from "../feedback/routes.ts";
import type { Route } from "../feature.ts";
import { keys, pageInfo, pageWindow, paging, scopedArea, idParam } from "../paging.ts";
import { candidateFile, findCandidateById } from "./service.ts";

const CandidateQuery = z.strictObject({
  area: idParam.optional(),
  stage: z.enum(keys(STAGE)).optional(),
  category: z.enum(keys(CATEGORY)).optional(),
  q: z.string().max(20).optional(),
  ...paging,
});

const IdParam = z.object({ id: z.coerce.number({ error: "应为数字" }).int().positive("应为正整数") });

/** Lists mask phone numbers; a single file shows it whole to whoever may see the file. */
export const candidateRoutes: Route[] = [
  {
    method: "get",
    path: "/candidates",
    async handle({ actor, query, services }) {
      const q = parse(CandidateQuery, query);
      const prisma = services.db.prisma;
      const area = await scopedArea(prisma, actor, q.area);
      const where = {
        village: underArea(area),
        ...(q.stage ? { stage: q.stage } : {}),
        ...(q.category ? { category: q.category } : {}),
        ...(q.q ? { name: { contains: q.q } } : {}),
      };
      const [total, rows] = await Promise.all([
        prisma.candidate.count({ where, take: 10_001 }),
        prisma.candidate.findMany({ where, include: { village: { select: { id: true, name: true } } }, orderBy: { id: "asc" }, ...pageWindow(q) }),
      ]);
      return {
        ...pageInfo(q, total),
        items: rows.map((c) => ({
          id: c.id,
          name: c.name,
          village: c.village,
          category: c.category,
          categoryLabel: CATEGORY[c.category],
          stage: c.stage,
          stageLabel: STAGE[c.stage],
          phone: maskPhone(c.phone),
        })),
      };
    },
  },
  {
    method: "get",
    path: "/candidates/:id",
    async handle({ actor, params, services }) {
      const { id } = parse(IdParam, params);
      const prisma = services.db.prisma;
      const found = await findCandidateById(prisma, id);
      // "No such file" and "not yours" read the same, so ids outside one's scope reveal nothing.
      if (!found || !canSeeCandidate(actor, { id, villagePath: found.village.path })) throw notFound(`没有档案 #${id}`, { id });
      const c = found;
      // The file's figures and its lists in one round of parallel reads, each by the person's index.
      const [file, messages, feedback, accounts] = await Promise.all([
        candidateFile(services.db, c, services.config.symposium.lateMs),
        prisma.archivedMessage.findMany({ where: { candidateId: id }, orderBy: { sentAt: "desc" }, take: 20, include: { group: { select: { topic: true } } } }),
        prisma.feedbackItem.findMany({ where: { candidateId: id }, orderBy: { id: "desc" }, take: 50 }),
        prisma.chatMember.findMany({ where: { candidateId: id }, select: { channel: true, displayName: true } }),
      ]);
      return {
        id: c.id,
        name: c.name,
        gender: c.gender,
        genderLabel: c.gender ? GENDER[c.gender] : null,
        birthYear: c.birthYear,
        phone: c.phone,
        education: c.education,
        politicalStatus: c.politicalStatus,
        category: c.category,
        categoryLabel: CATEGORY[c.category],
        source: c.source,
        sourceLabel: SOURCE[c.source],
        stage: c.stage,
        stageLabel: STAGE[c.stage],
        place: file.place,
        specialties: c.specialties,
        currentPlace: c.currentPlace,
        notes: c.notes,
        chatAccounts: accounts,
        messageCount: file.messageCount,
        messagesByChannel: file.messagesByChannel,
        lastMessageAt: file.lastMessageAt,
        recentMessages: messages.map((m) => ({ id: m.id, channel: m.channel, kind: m.kind, text: m.text, sentAt: m.sentAt, group: m.group?.topic ?? null })),
        feedback: feedback.map(feedbackJson),
        symposiums: file.symposiums,
      };
    },
  },
];
