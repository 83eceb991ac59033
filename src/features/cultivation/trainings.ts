// Training (培训): the yearly plan per county and township, invitations privately
// through the outbox (outside quiet hours), attendance, and each person's study hours
// for the year from their check-ins and the trainings they attended.
import { notFound, usage } from "../../core/errors.ts";
import type { Database, Db } from "../../db/database.ts";
import { underArea } from "../../domain/area.ts";
import { sendableAt, type QuietHours } from "../../domain/quiet-hours.ts";
import { inScope, type Actor } from "../../domain/permissions.ts";
import { dayAndClock, TIME_ZONE } from "../../domain/time.ts";
import { zonedToUtc } from "../../domain/zoned-time.ts";
import type { Outbox } from "../../outbox/index.ts";
import { enqueue } from "../../outbox/service.ts";
import { audit } from "../audit.ts";
import { refuse } from "./guard.ts";

export const TRAINING_KIND = { party_school: "党校培训", three_meetings: "三会一课", party_day: "主题党日", online: "网上课程", other: "其他" } as const;
export type TrainingKind = keyof typeof TRAINING_KIND;

export interface TrainingInput {
  areaId: number;
  title: string;
  kind: TrainingKind;
  at: Date;
  hours: number;
  place?: string;
}

/** Add a training to the plan and invite, privately, the trainees and reserves of its area. */
export async function planTraining(db: Database, outbox: Outbox, actor: Actor, input: TrainingInput, quiet: QuietHours, now: Date) {
  const action = "training.plan";
  const area = await db.prisma.area.findUnique({ where: { id: input.areaId } });
  if (!area || area.level === "village" || !inScope(actor, area)) return refuse(db.prisma, actor, action, notFound("没有这个县或乡镇，或不在您负责的范围内。"));
  if (input.at.getTime() <= now.getTime()) return refuse(db.prisma, actor, action, usage("培训时间已经过了。", "at: 将来的时间"));
  const { day, clock } = dayAndClock(input.at);
  const result = await db.transaction(async ({ prisma, sql }) => {
    const t = await prisma.training.create({ data: { ...input, place: input.place ?? null, createdById: actor.memberId } });
    const people = await prisma.candidate.findMany({
      where: { village: underArea(area), stage: { in: ["trainee", "reserve"] } },
      select: { id: true, name: true, members: { select: { channel: true, externalId: true }, orderBy: { id: "asc" }, take: 1 } },
    });
    await prisma.trainingAttendance.createMany({ data: people.map((p) => ({ trainingId: t.id, candidateId: p.id })) });
    const rows = people.flatMap((p) =>
      p.members.map((m) => ({
        key: `training-invite:${t.id}:${p.id}`,
        channel: m.channel,
        conversation: m.externalId,
        isGroup: false,
        purpose: "training-invite",
        text: `${p.name}您好，${day} ${clock}有一场${TRAINING_KIND[input.kind]}：${input.title}${input.place ? `，地点：${input.place}` : ""}。方便的话欢迎参加；来不了也没关系，不用回复。`,
      })),
    );
    const invited = await enqueue(sql, rows, sendableAt(now, quiet));
    await audit(prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "Training", entityId: t.id, detail: { invited } });
    return { training: t, invited };
  });
  outbox.wake();
  return result;
}

/** Record who attended (the others stay invited, not absent on any list a reserve sees). */
export async function recordAttendance(db: Database, actor: Actor, trainingId: number, candidateIds: number[]) {
  const action = "training.attendance";
  const t = await db.prisma.training.findUnique({ where: { id: trainingId } });
  const area = t && (await db.prisma.area.findUnique({ where: { id: t.areaId } }));
  if (!t || !area || !inScope(actor, area)) return refuse(db.prisma, actor, action, notFound(`没有培训 #${trainingId}，或不在您负责的范围内。`));
  const r = await db.prisma.trainingAttendance.updateMany({ where: { trainingId, candidateId: { in: candidateIds } }, data: { attended: true } });
  if (r.count !== candidateIds.length) return refuse(db.prisma, actor, action, usage("有人不在这场培训的邀请名单里。", "candidateIds: 受邀的人"));
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "Training", entityId: trainingId, detail: { attended: r.count } });
  return { attended: r.count };
}

/** A person's study hours in a (Beijing) year: check-ins' minutes plus trainings attended. */
export async function studyHours(prisma: Db, candidateId: number, year: number) {
  const from = new Date(zonedToUtc(year, 1, 1, 0, 0, TIME_ZONE));
  const to = new Date(zonedToUtc(year + 1, 1, 1, 0, 0, TIME_ZONE));
  const [checkins, trainings] = await Promise.all([
    prisma.studyCheckin.aggregate({ where: { candidateId, at: { gte: from, lt: to } }, _sum: { minutes: true }, _count: { _all: true } }),
    prisma.trainingAttendance.findMany({ where: { candidateId, attended: true, training: { at: { gte: from, lt: to } } }, include: { training: true } }),
  ]);
  const checkinHours = (checkins._sum.minutes ?? 0) / 60;
  const trainingHours = trainings.reduce((n, a) => n + a.training.hours, 0);
  return {
    year,
    checkins: checkins._count._all,
    checkinHours: Math.round(checkinHours * 10) / 10,
    trainings: trainings.map((a) => ({ id: a.trainingId, title: a.training.title, kind: a.training.kind, at: a.training.at, hours: a.training.hours })),
    trainingHours,
    totalHours: Math.round((checkinHours + trainingHours) * 10) / 10,
  };
}
