// JSON under /api for growing the seedlings, so workbench pages can sit on top:
// a person's path and stage moves, counts by stage at a date, pairs, reports,
// appraisal rounds and ballots, notices (with a printable A4 page), posts, the
// quarterly view and warnings before elections.
import { z } from "zod";
import { usage } from "../../core/errors.ts";
import { parse } from "../../core/validate.ts";
import { underArea } from "../../domain/area.ts";
import { APPRAISAL_CHOICE } from "../../domain/cultivation/appraisal.ts";
import { reportPeriod } from "../../domain/cultivation/light-touch.ts";
import { POST_ACTIVITY } from "../../domain/cultivation/posts.ts";
import { STAGE } from "../../domain/glossary.ts";
import { isIsoDate } from "../../domain/symposium/calendar-day.ts";
import { formatDate } from "../../domain/time.ts";
import { RawReply, type Route } from "../feature.ts";
import { keys, scopedArea } from "../paging.ts";
import { ballotFor, castBallot, closeRound, openRound, roundFor, roundTally, unusedCodes } from "./appraisal.ts";
import { personFor } from "./guard.ts";
import { endPair, pairMentor, pairsIn } from "./mentoring.ts";
import { endNotice, noticeFor, noticeJson, postNotice, recordObjection, resolveObjection } from "./notices.ts";
import { noticePage } from "./notice-page.ts";
import { personPath } from "./path.ts";
import { assign, createPost, evaluate, logActivity, postsIn, suggestions } from "./posts.ts";
import { addNote, NOTE_KIND } from "./records.ts";
import { planTraining, recordAttendance, studyHours, TRAINING_KIND } from "./trainings.ts";
import { quarterlyReview, villageWarnings } from "./review.ts";
import { moveStage, stageCountsAt } from "./stages.ts";

const Id = z.object({ id: z.coerce.number({ error: "应为数字" }).int().positive("应为正整数") });
const AreaQuery = z.strictObject({ area: z.coerce.number().int().positive().optional() });
const Day = z.string().refine(isIsoDate, "日期格式应为 YYYY-MM-DD");

export const cultivationRoutes: Route[] = [
  {
    method: "get",
    path: "/cultivation/people/:id",
    async handle({ actor, params, services, now }) {
      const { id } = parse(Id, params);
      await personFor(services.db.prisma, actor, id, "path.view");
      return personPath(services.db.prisma, id, now());
    },
  },
  {
    method: "post",
    path: "/cultivation/people/:id/stage",
    async handle({ actor, params, body, services, now }) {
      const { id } = parse(Id, params);
      const b = parse(z.strictObject({ to: z.enum(keys(STAGE)), reason: z.string().max(500), post: z.string().max(50).optional() }), body);
      const r = await moveStage(services.db, actor, { candidateId: id, ...b }, { jointReviewOffices: services.config.cultivation.jointReviewOffices }, now());
      return { id: r.move.id, from: r.move.fromStage, to: r.move.toStage, at: r.move.at, reason: r.move.reason, evidence: r.move.evidence, message: r.text };
    },
  },
  {
    method: "post",
    path: "/cultivation/people/:id/notes",
    async handle({ actor, params, body, services, now }) {
      const { id } = parse(Id, params);
      const b = parse(z.strictObject({ kind: z.enum(keys(NOTE_KIND)), note: z.string().max(2000), label: z.string().max(50).optional() }), body);
      const { note } = await addNote(services.db, actor, { candidateId: id, ...b }, now());
      return note;
    },
  },
  {
    method: "get",
    path: "/cultivation/stages",
    async handle({ actor, query, services, now }) {
      const q = parse(z.strictObject({ area: z.coerce.number().int().positive().optional(), at: Day.optional() }), query);
      const area = await scopedArea(services.db.prisma, actor, q.area);
      // A date means the end of that Beijing day.
      const at = q.at ? new Date(new Date(`${q.at}T00:00:00+08:00`).getTime() + 86_400_000 - 1) : now();
      const counts = await stageCountsAt(services.db, area, at);
      return { area, at, counts, labels: STAGE };
    },
  },
  {
    method: "get",
    path: "/cultivation/pairs",
    async handle({ actor, query, services }) {
      const q = parse(z.strictObject({ area: z.coerce.number().int().positive().optional(), ended: z.enum(["true", "false"]).optional() }), query);
      const area = await scopedArea(services.db.prisma, actor, q.area);
      return { items: await pairsIn(services.db.prisma, area, { ended: q.ended === "true" }) };
    },
  },
  {
    method: "post",
    path: "/cultivation/pairs",
    async handle({ actor, body, services, now }) {
      const b = parse(z.strictObject({ candidateId: z.number().int().positive(), mentorId: z.number().int().positive(), rotate: z.boolean().optional() }), body);
      const { pair } = await pairMentor(services.db, actor, b, now());
      return pair;
    },
  },
  {
    method: "post",
    path: "/cultivation/pairs/:id/end",
    async handle({ actor, params, services, now }) {
      const { id } = parse(Id, params);
      await endPair(services.db, actor, id, now());
      return { ok: true };
    },
  },
  {
    method: "get",
    path: "/cultivation/reports",
    async handle({ actor, query, services, now }) {
      const q = parse(z.strictObject({ area: z.coerce.number().int().positive().optional(), period: z.string().regex(/^\d{4}-(\d{2}|Q[1-4])$/, "应为 2026-11 或 2026-Q4").optional() }), query);
      const area = await scopedArea(services.db.prisma, actor, q.area);
      const period = q.period ?? reportPeriod(now(), services.config.cultivation.reportRhythm);
      const people = await services.db.prisma.candidate.findMany({
        where: { village: underArea(area), stage: { in: ["trainee", "reserve"] } },
        select: { id: true, name: true, village: { select: { name: true } }, reports: { where: { period }, select: { at: true }, take: 1 } },
        orderBy: { id: "asc" },
      });
      // Who reported, for the cadres in scope; the reports' text stays on each file.
      return { period, items: people.map((p) => ({ id: p.id, name: p.name, village: p.village.name, reported: p.reports.length > 0, at: p.reports[0]?.at ?? null })) };
    },
  },
  {
    method: "post",
    path: "/appraisals",
    async handle({ actor, body, services, now }) {
      const b = parse(z.strictObject({ villageId: z.number().int().positive(), candidateIds: z.array(z.number().int().positive()).min(1).max(50), voters: z.number().int(), title: z.string().max(50).optional() }), body);
      const r = await openRound(services.db, actor, b, now());
      return { id: r.round.id, title: r.round.title, village: r.village.name, people: r.people, codes: r.codes.length };
    },
  },
  {
    method: "get",
    path: "/appraisals/:id",
    async handle({ actor, params, services }) {
      const { id } = parse(Id, params);
      const { round } = await roundFor(services.db.prisma, actor, id, "appraisal.view");
      return { id, title: round.title, openedAt: round.openedAt, closedAt: round.closedAt, labels: APPRAISAL_CHOICE, ...(await roundTally(services.db.prisma, id)) };
    },
  },
  {
    method: "get",
    path: "/appraisals/:id/codes",
    async handle({ actor, params, services }) {
      const { id } = parse(Id, params);
      const r = await unusedCodes(services.db.prisma, actor, id);
      return { id, title: r.round.title, codes: r.codes };
    },
  },
  {
    method: "post",
    path: "/appraisals/:id/close",
    async handle({ actor, params, services, now }) {
      const { id } = parse(Id, params);
      const r = await closeRound(services.db, actor, id, now());
      return { id, closedAt: r.round.closedAt, ...r.tally };
    },
  },
  {
    // POST, so the code never sits in a URL a proxy or a log could keep.
    method: "post",
    path: "/ballots/open",
    async handle({ body, services }) {
      const { code } = parse(z.strictObject({ code: z.string().max(20) }), body);
      const b = await ballotFor(services.db.prisma, code);
      return { title: b.round.title, people: b.subjects, choices: APPRAISAL_CHOICE };
    },
  },
  {
    method: "post",
    path: "/ballots",
    async handle({ body, services }) {
      const b = parse(z.strictObject({ code: z.string().max(20), marks: z.record(z.string(), z.string().max(10)) }), body);
      const r = await castBallot(services.db, b.code, b.marks);
      return { ok: true, counted: r.counted };
    },
  },
  {
    method: "post",
    path: "/notices",
    async handle({ actor, body, services, now }) {
      const b = parse(z.strictObject({ candidateId: z.number().int().positive(), purpose: z.enum(["entry", "use"]), post: z.string().max(50).optional(), contact: z.string().max(30).optional() }), body);
      const n = await postNotice(services.db, actor, b, services.config.cultivation.noticeDays, now());
      return noticeJson(await noticeFor(services.db.prisma, actor, n.id, "notice.view"), now());
    },
  },
  {
    method: "get",
    path: "/notices/:id",
    async handle({ actor, params, services, now }) {
      const { id } = parse(Id, params);
      return noticeJson(await noticeFor(services.db.prisma, actor, id, "notice.view"), now());
    },
  },
  {
    method: "get",
    path: "/notices/:id/print",
    async handle({ actor, params, services }) {
      const { id } = parse(Id, params);
      const n = await noticeFor(services.db.prisma, actor, id, "notice.print");
      return new RawReply("text/html; charset=utf-8", noticePage(n.text));
    },
  },
  {
    method: "post",
    path: "/notices/:id/objections",
    async handle({ actor, params, body, services, now }) {
      const { id } = parse(Id, params);
      const b = parse(z.strictObject({ text: z.string().max(2000) }), body);
      return recordObjection(services.db, actor, id, b.text, now());
    },
  },
  {
    method: "post",
    path: "/objections/:id/resolve",
    async handle({ actor, params, body, services, now }) {
      const { id } = parse(Id, params);
      const b = parse(z.strictObject({ handling: z.string().max(2000), upheld: z.boolean() }), body);
      return resolveObjection(services.db, actor, id, b.handling, b.upheld, now());
    },
  },
  {
    method: "post",
    path: "/notices/:id/end",
    async handle({ actor, params, services, now }) {
      const { id } = parse(Id, params);
      const r = await endNotice(services.db, actor, id, now());
      return { id, outcome: r.outcome };
    },
  },
  {
    method: "get",
    path: "/posts",
    async handle({ actor, query, services }) {
      const q = parse(AreaQuery, query);
      const area = await scopedArea(services.db.prisma, actor, q.area);
      return { items: await postsIn(services.db.prisma, area) };
    },
  },
  {
    method: "post",
    path: "/posts",
    async handle({ actor, body, services }) {
      const b = parse(z.strictObject({ areaId: z.number().int().positive(), title: z.string().min(2).max(50), supervisor: z.string().min(1).max(30), startsOn: Day, endsOn: Day }), body);
      return createPost(services.db, actor, b);
    },
  },
  {
    method: "get",
    path: "/posts/:id/suggestions",
    async handle({ actor, params, services, now }) {
      const { id } = parse(Id, params);
      return { items: await suggestions(services.db, actor, id, now()) };
    },
  },
  {
    method: "post",
    path: "/posts/:id/assignments",
    async handle({ actor, params, body, services, now }) {
      const { id } = parse(Id, params);
      const b = parse(z.strictObject({ candidateId: z.number().int().positive() }), body);
      return assign(services.db, actor, id, b.candidateId, now());
    },
  },
  {
    method: "post",
    path: "/assignments/:id/log",
    async handle({ actor, params, body, services, now }) {
      const { id } = parse(Id, params);
      const b = parse(z.strictObject({ kind: z.enum(keys(POST_ACTIVITY)), note: z.string().min(1).max(500) }), body);
      return { log: await logActivity(services.db, actor, id, b.kind, b.note, now()) };
    },
  },
  {
    method: "post",
    path: "/assignments/:id/evaluate",
    async handle({ actor, params, body, services, now }) {
      const { id } = parse(Id, params);
      const b = parse(z.strictObject({ evaluation: z.enum(keys(APPRAISAL_CHOICE)), note: z.string().max(1000).default("") }), body);
      return evaluate(services.db, actor, id, b.evaluation, b.note, now());
    },
  },
  {
    method: "post",
    path: "/trainings",
    async handle({ actor, body, services, now }) {
      const b = parse(z.strictObject({ areaId: z.number().int().positive(), title: z.string().min(2).max(100), kind: z.enum(keys(TRAINING_KIND)), at: z.iso.datetime({ offset: true }), hours: z.number().positive().max(200), place: z.string().max(100).optional() }), body);
      const r = await planTraining(services.db, services.outbox, actor, { ...b, at: new Date(b.at) }, services.config.quietHours, now());
      return { ...r.training, invited: r.invited };
    },
  },
  {
    method: "get",
    path: "/trainings",
    async handle({ actor, query, services }) {
      const q = parse(z.strictObject({ area: z.coerce.number().int().positive().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }), query);
      const area = await scopedArea(services.db.prisma, actor, q.area);
      const areas = await services.db.prisma.area.findMany({ where: underArea(area), select: { id: true } });
      const year = q.year ? { at: { gte: new Date(`${q.year}-01-01T00:00:00+08:00`), lt: new Date(`${q.year + 1}-01-01T00:00:00+08:00`) } } : {};
      const items = await services.db.prisma.training.findMany({ where: { areaId: { in: areas.map((a) => a.id) }, ...year }, include: { _count: { select: { attendance: { where: { attended: true } } } } }, orderBy: { at: "asc" } });
      return { items: items.map(({ _count, ...t }) => ({ ...t, kindLabel: TRAINING_KIND[t.kind as keyof typeof TRAINING_KIND] ?? t.kind, attended: _count.attendance })) };
    },
  },
  {
    method: "post",
    path: "/trainings/:id/attendance",
    async handle({ actor, params, body, services }) {
      const { id } = parse(Id, params);
      const b = parse(z.strictObject({ candidateIds: z.array(z.number().int().positive()).min(1).max(2000) }), body);
      return recordAttendance(services.db, actor, id, b.candidateIds);
    },
  },
  {
    method: "get",
    path: "/cultivation/people/:id/study-hours",
    async handle({ actor, params, query, services, now }) {
      const { id } = parse(Id, params);
      const q = parse(z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }), query);
      await personFor(services.db.prisma, actor, id, "path.view");
      return studyHours(services.db.prisma, id, q.year ?? Number(formatDate(now()).slice(0, 4)));
    },
  },
  {
    method: "get",
    path: "/cultivation/review",
    async handle({ actor, query, services, now }) {
      const q = parse(AreaQuery, query);
      const area = await scopedArea(services.db.prisma, actor, q.area);
      if (area.level === "county" && !q.area) throw usage("季度研判按乡镇查看：请加 ?area=乡镇编号。", "/api/cultivation/review?area=2");
      return quarterlyReview(services.db, area, now());
    },
  },
  {
    method: "get",
    path: "/cultivation/warnings",
    async handle({ actor, query, services, now }) {
      const q = parse(AreaQuery, query);
      const area = await scopedArea(services.db.prisma, actor, q.area);
      return { items: await villageWarnings(services.db, area, now()) };
    },
  },
  {
    method: "put",
    path: "/cultivation/elections/:id",
    async handle({ actor, params, body, services }) {
      const { id } = parse(Id, params);
      const b = parse(z.strictObject({ nextElection: Day.nullable().optional(), seats: z.number().int().min(1).max(15).nullable().optional() }), body);
      const village = await scopedArea(services.db.prisma, actor, id);
      if (village.level !== "village") throw usage("换届信息按村填写。", "PUT /api/cultivation/elections/<村编号>");
      const data = { nextElection: b.nextElection ?? null, seats: b.seats ?? null };
      return services.db.prisma.villageElection.upsert({ where: { villageId: id }, create: { villageId: id, ...data }, update: data });
    },
  },
];
