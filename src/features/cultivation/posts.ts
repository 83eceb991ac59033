// Practice posts: a catalogue per village and township, suggestions for an open
// post, assignments with their log, and the supervisor's evaluation on the file.
import { notFound, usage } from "../../core/errors.ts";
import type { Database, Db } from "../../db/database.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import type { AppraisalChoice } from "../../domain/cultivation/appraisal.ts";
import { POST_ACTIVITY, suggestForPost, type PostActivity } from "../../domain/cultivation/posts.ts";
import { inScope, type Actor } from "../../domain/permissions.ts";
import { formatDate } from "../../domain/time.ts";
import { audit } from "../audit.ts";
import { personFor, refuse, requireOver } from "./guard.ts";

export async function createPost(db: Database, actor: Actor, input: { areaId: number; title: string; supervisor: string; startsOn: string; endsOn: string }) {
  const action = "post.create";
  const area = await db.prisma.area.findUnique({ where: { id: input.areaId } });
  if (!area || area.level === "county" || !inScope(actor, area)) return refuse(db.prisma, actor, action, notFound("没有这个村或乡镇，或不在您负责的范围内。"));
  if (input.endsOn < input.startsOn) return refuse(db.prisma, actor, action, usage("结束日期早于开始日期。", "startsOn ≤ endsOn"));
  const post = await db.prisma.practicePost.create({ data: { ...input, createdById: actor.memberId } });
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "PracticePost", entityId: post.id });
  return post;
}

async function postFor(db: Database, actor: Actor, id: number, action: string) {
  const post = await db.prisma.practicePost.findUnique({ where: { id } });
  const area = post && (await db.prisma.area.findUnique({ where: { id: post.areaId } }));
  if (!post || !area || !inScope(actor, area)) return refuse(db.prisma, actor, action, notFound(`没有岗位 #${id}，或不在您负责的范围内。`));
  return { post, area };
}

/** People of the post's township who might fit, with reasons. */
export async function suggestions(db: Database, actor: Actor, id: number, now: Date) {
  const { post, area } = await postFor(db, actor, id, "post.suggest");
  const township = area.level === "village" && area.parentId ? await db.prisma.area.findUniqueOrThrow({ where: { id: area.parentId } }) : area;
  const today = formatDate(now);
  const people = await db.prisma.candidate.findMany({
    where: { village: underArea(township), stage: { in: ["trainee", "reserve"] } },
    include: { village: { select: { path: true } }, postAssignments: { include: { post: { select: { endsOn: true } } } } },
    orderBy: { id: "asc" },
  });
  return suggestForPost(
    { title: post.title, areaPath: area.path },
    people.map((p) => ({ id: p.id, name: p.name, villagePath: p.village.path, education: p.education, specialties: p.specialties, busy: p.postAssignments.some((a) => a.post.endsOn >= today && !a.evaluation) })),
  );
}

export async function assign(db: Database, actor: Actor, postId: number, candidateId: number, now: Date) {
  const action = "post.assign";
  await postFor(db, actor, postId, action);
  const person = await personFor(db.prisma, actor, candidateId, action);
  await requireOver(db.prisma, actor, person, "village_cadre", action);
  const a = await db.prisma.postAssignment.create({ data: { postId, candidateId, startedAt: now } });
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "PostAssignment", entityId: a.id });
  return a;
}

async function assignmentFor(db: Database, actor: Actor, id: number, action: string) {
  const a = await db.prisma.postAssignment.findUnique({ where: { id } });
  if (!a) return refuse(db.prisma, actor, action, notFound(`没有岗位安排 #${id}。`));
  const person = await personFor(db.prisma, actor, a.candidateId, action);
  await requireOver(db.prisma, actor, person, "village_cadre", action);
  return a;
}

/** Shadowing and participation (跟岗学习, 列席会议, 参与村组事务). */
export async function logActivity(db: Database, actor: Actor, id: number, kind: PostActivity, note: string, now: Date) {
  const a = await assignmentFor(db, actor, id, "post.log");
  const log = [...((a.log as { kind: string; note: string; at: string }[]) ?? []), { kind, kindLabel: POST_ACTIVITY[kind], note, at: now.toISOString() }];
  await db.prisma.postAssignment.update({ where: { id }, data: { log } });
  await audit(db.prisma, { actorId: actor.memberId, action: "post.log", outcome: "ok", entity: "PostAssignment", entityId: id });
  return log;
}

export async function evaluate(db: Database, actor: Actor, id: number, evaluation: AppraisalChoice, note: string, now: Date) {
  const a = await assignmentFor(db, actor, id, "post.evaluate");
  if (a.evaluation) return refuse(db.prisma, actor, "post.evaluate", usage("这段岗位已经评价过了。", "每段岗位评价一次"));
  const r = await db.prisma.postAssignment.update({ where: { id }, data: { evaluation, evaluationNote: note, evaluatedAt: now, evaluatorId: actor.memberId } });
  await audit(db.prisma, { actorId: actor.memberId, action: "post.evaluate", outcome: "ok", entity: "PostAssignment", entityId: id, detail: { evaluation } });
  return r;
}

/** The practice posts of the areas inside `area`, with their assignments. */
export async function postsIn(prisma: Db, area: AreaRef) {
  const areas = await prisma.area.findMany({ where: underArea(area), select: { id: true } });
  return prisma.practicePost.findMany({ where: { areaId: { in: areas.map((a) => a.id) } }, include: { assignments: { include: { candidate: { select: { id: true, name: true } } } } }, orderBy: { id: "asc" } });
}
