import { Router } from "express";
import { z } from "zod";
import type { Database } from "../db/database.ts";
import { CATEGORY, FEEDBACK_KIND, FEEDBACK_STATUS, GENDER, SOURCE, STAGE, TOPIC, AREA_LEVEL, OUTBOX_STATUS, REMINDER_KIND, SCHEDULE_STATUS } from "../domain/glossary.ts";
import { outboxSummary } from "../features/outbox/outbox.ts";
import { maskPhone } from "../domain/phone.ts";
import { areaLabel, underArea } from "../features/areas/areas.ts";
import { candidateFile } from "../features/candidates/service.ts";
import { HttpError, parse } from "./validate.ts";

const keys = <T extends Record<string, string>>(t: T) => Object.keys(t) as [keyof T & string, ...(keyof T & string)[]];
const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

const pageWindow = (q: { page: number; pageSize: number }) => ({ skip: (q.page - 1) * q.pageSize, take: q.pageSize });
const pageInfo = (q: { page: number; pageSize: number }, total: number) => ({ total, page: q.page, pageSize: q.pageSize });

const CandidateQuery = z.strictObject({
  area: z.coerce.number().int().positive().optional(),
  stage: z.enum(keys(STAGE)).optional(),
  category: z.enum(keys(CATEGORY)).optional(),
  q: z.string().max(20).optional(),
  ...paging,
});

const FeedbackQuery = z.strictObject({
  area: z.coerce.number().int().positive().optional(),
  status: z.enum(keys(FEEDBACK_STATUS)).optional(),
  kind: z.enum(keys(FEEDBACK_KIND)).optional(),
  topic: z.enum(keys(TOPIC)).optional(),
  candidate: z.coerce.number().int().positive().optional(),
  ...paging,
});

const OutboxQuery = z.strictObject({
  status: z.enum(keys(OUTBOX_STATUS)).optional(),
  purpose: z.enum(["reminder", "summary", "digest", "nudge", "alert"]).optional(),
  ...paging,
});

const ScheduleQuery = z.strictObject({
  status: z.enum(keys(SCHEDULE_STATUS)).optional(),
  area: z.coerce.number().int().positive().optional(),
  ...paging,
});

const CheckinQuery = z.strictObject({
  candidate: z.coerce.number().int().positive().optional(),
  area: z.coerce.number().int().positive().optional(),
  ...paging,
});

const IdParam = z.object({ id: z.coerce.number({ error: "应为数字" }).int().positive("应为正整数") });

/**
 * The JSON API (read only): candidates, a person's file, feedback, areas.
 * Codes come with their Chinese labels so a page can show them as they are.
 * Lists mask phone numbers; a single file shows it whole.
 */
export function apiRouter(db: Database): Router {
  const r = Router();
  const prisma = db.prisma;

  async function areaFilter(id: number | undefined) {
    if (id === undefined) return {};
    const area = await prisma.area.findUnique({ where: { id } });
    if (!area) throw new HttpError(404, `没有编号为 ${id} 的地区`);
    return underArea(area);
  }

  r.get("/areas", async (_req, res) => {
    const areas = await prisma.area.findMany({ orderBy: { path: "asc" } });
    res.json({ items: areas.map((a) => ({ id: a.id, name: a.name, level: a.level, levelLabel: AREA_LEVEL[a.level], parentId: a.parentId })) });
  });

  r.get("/candidates", async (req, res) => {
    const q = parse(CandidateQuery, req.query);
    const where = {
      village: await areaFilter(q.area),
      ...(q.stage ? { stage: q.stage } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.q ? { name: { contains: q.q } } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.candidate.count({ where }),
      prisma.candidate.findMany({ where, include: { village: true }, orderBy: { id: "asc" }, ...pageWindow(q) }),
    ]);
    res.json({
      ...pageInfo(q, total),
      items: rows.map((c) => ({
        id: c.id,
        name: c.name,
        village: { id: c.village.id, name: c.village.name },
        category: c.category,
        categoryLabel: CATEGORY[c.category],
        stage: c.stage,
        stageLabel: STAGE[c.stage],
        phone: maskPhone(c.phone),
      })),
    });
  });

  r.get("/candidates/:id", async (req, res) => {
    const { id } = parse(IdParam, req.params);
    const file = await candidateFile(prisma, id);
    if (!file) throw new HttpError(404, `没有档案 #${id}`);
    const c = file.candidate;
    const [messages, feedback, accounts] = await Promise.all([
      prisma.archivedMessage.findMany({ where: { candidateId: id }, orderBy: { sentAt: "desc" }, take: 20, include: { group: { select: { topic: true } } } }),
      prisma.feedbackItem.findMany({ where: { candidateId: id }, orderBy: { id: "desc" }, take: 50 }),
      prisma.chatMember.findMany({ where: { candidateId: id }, select: { channel: true, displayName: true } }),
    ]);
    res.json({
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
      lastMessageAt: file.lastMessageAt,
      recentMessages: messages.map((m) => ({ id: m.id, kind: m.kind, text: m.text, sentAt: m.sentAt, group: m.group?.topic ?? null })),
      feedback: feedback.map(feedbackJson),
    });
  });

  r.get("/feedback", async (req, res) => {
    const q = parse(FeedbackQuery, req.query);
    const where = {
      area: await areaFilter(q.area),
      ...(q.status ? { status: q.status } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.topic ? { topic: q.topic } : {}),
      ...(q.candidate ? { candidateId: q.candidate } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.feedbackItem.count({ where }),
      prisma.feedbackItem.findMany({
        where,
        include: { area: true, candidate: { select: { id: true, name: true } }, author: { select: { displayName: true } } },
        orderBy: { id: "desc" },
        ...pageWindow(q),
      }),
    ]);
    res.json({
      ...pageInfo(q, total),
      items: await Promise.all(rows.map(async (f) => ({
        ...feedbackJson(f),
        area: { id: f.area.id, name: f.area.name, place: await areaLabel(prisma, f.area) },
        candidate: f.candidate,
        author: f.author.displayName,
      }))),
    });
  });

  r.get("/outbox", async (req, res) => {
    const q = parse(OutboxQuery, req.query);
    const where = { ...(q.status ? { status: q.status } : {}), ...(q.purpose ? { purpose: q.purpose } : {}) };
    const [summary, total, rows] = await Promise.all([
      outboxSummary(db.sql),
      prisma.outboxMessage.count({ where }),
      prisma.outboxMessage.findMany({ where, orderBy: { id: "desc" }, ...pageWindow(q) }),
    ]);
    res.json({
      summary,
      ...pageInfo(q, total),
      items: rows.map((m) => ({
        id: m.id,
        key: m.key,
        purpose: m.purpose,
        status: m.status,
        statusLabel: OUTBOX_STATUS[m.status],
        channel: m.channel,
        conversation: m.conversation,
        isGroup: m.isGroup,
        text: m.text,
        attempts: m.attempts,
        nextAttemptAt: m.nextAttemptAt,
        lastError: m.lastError,
        sentAt: m.sentAt,
        createdAt: m.createdAt,
      })),
    });
  });

  r.get("/schedules", async (req, res) => {
    const q = parse(ScheduleQuery, req.query);
    const inArea = await areaFilter(q.area);
    const where = {
      deletedAt: null,
      ...(q.status ? { status: q.status } : {}),
      ...(q.area !== undefined ? { OR: [{ area: inArea }, { group: { area: inArea } }] } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.schedule.count({ where }),
      prisma.schedule.findMany({
        where,
        include: { group: { select: { id: true, topic: true } }, area: { select: { id: true, name: true } } },
        orderBy: { id: "asc" },
        ...pageWindow(q),
      }),
    ]);
    const runs = await prisma.jobRun.findMany({
      where: { job: { in: rows.map((s) => `schedule:${s.id}`) } },
      orderBy: { slot: "desc" },
      select: { job: true, slot: true, outcome: true, detail: true, instance: true, at: true },
    });
    res.json({
      ...pageInfo(q, total),
      items: rows.map((s) => ({
        id: s.id,
        kind: s.kind,
        kindLabel: REMINDER_KIND[s.kind],
        target: s.group ? { group: s.group } : { area: s.area },
        time: s.timeLabel,
        cron: s.cron,
        onceAt: s.onceAt,
        timeZone: s.timeZone,
        topic: s.topic,
        link: s.link,
        place: s.place,
        template: s.template,
        status: s.status,
        statusLabel: SCHEDULE_STATUS[s.status],
        leadMinutes: s.leadMinutes,
        nextFiringAt: s.status === "active" ? s.nextFiringAt : null,
        lastFiringAt: s.lastFiringAt,
        lastOutcome: s.lastOutcome,
        // The latest firings, sent or skipped, with which instance ran them.
        recentFirings: runs.filter((r) => r.job === `schedule:${s.id}`).slice(0, 5).map(({ job: _job, ...r }) => r),
        createdAt: s.createdAt,
      })),
    });
  });

  r.get("/checkins", async (req, res) => {
    const q = parse(CheckinQuery, req.query);
    const where = {
      ...(q.candidate ? { candidateId: q.candidate } : {}),
      ...(q.area !== undefined ? { candidate: { village: await areaFilter(q.area) } } : {}),
    };
    const [total, rows] = await Promise.all([
      prisma.studyCheckin.count({ where }),
      prisma.studyCheckin.findMany({
        where,
        include: { candidate: { select: { id: true, name: true } }, member: { select: { displayName: true } }, group: { select: { topic: true } } },
        orderBy: { at: "desc" },
        ...pageWindow(q),
      }),
    ]);
    res.json({
      ...pageInfo(q, total),
      items: rows.map((c) => ({
        id: c.id,
        candidate: c.candidate,
        member: c.member.displayName,
        group: c.group?.topic ?? null,
        platform: c.platform,
        content: c.content,
        minutes: c.minutes,
        at: c.at,
      })),
    });
  });

  return r;
}

function feedbackJson(f: { id: number; kind: keyof typeof FEEDBACK_KIND; topic: keyof typeof TOPIC; status: keyof typeof FEEDBACK_STATUS; text: string; detectedBy: string; response: string | null; respondedAt: Date | null; createdAt: Date }) {
  return {
    id: f.id,
    kind: f.kind,
    kindLabel: FEEDBACK_KIND[f.kind],
    topic: f.topic,
    topicLabel: TOPIC[f.topic],
    status: f.status,
    statusLabel: FEEDBACK_STATUS[f.status],
    text: f.text,
    detectedBy: f.detectedBy,
    response: f.response,
    respondedAt: f.respondedAt,
    createdAt: f.createdAt,
  };
}
