// Public notices (公示): post one for a person's entry or use, record objections and
// how they were handled, end it when the period is over. The stage rule reads it.
import { notFound, usage } from "../../core/errors.ts";
import type { Database, Db } from "../../db/database.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import { SHIPPED_HOLIDAY_DATA } from "../../domain/holidays/holiday-data.ts";
import { GENDER } from "../../domain/glossary.ts";
import { endRefusal, noticeEndsAt, noticeOutcome, noticePeriod, noticeText, NOTICE_OUTCOME, NOTICE_PURPOSE, type NoticePurpose } from "../../domain/cultivation/notice.ts";
import { inScope, type Actor } from "../../domain/permissions.ts";
import { formatDate } from "../../domain/time.ts";
import { audit } from "../audit.ts";
import { personFor, refuse, requireOver } from "./guard.ts";

export async function postNotice(db: Database, actor: Actor, input: { candidateId: number; purpose: NoticePurpose; post?: string; contact?: string }, days: number, now: Date) {
  const prisma = db.prisma;
  const action = "notice.post";
  const person = await personFor(prisma, actor, input.candidateId, action);
  await requireOver(prisma, actor, person, "township_organiser", action);
  const wanted = input.purpose === "entry" ? "trainee" : "reserve";
  if (person.stage !== wanted) {
    return refuse(prisma, actor, action, usage(`${person.name}现在不是${input.purpose === "entry" ? "培养对象" : "后备力量"}，不能发布“${NOTICE_PURPOSE[input.purpose]}”公示。`, "/公示 #编号 入库　或　/公示 #编号 使用 岗位=村委会委员"), { entity: "Candidate", entityId: person.id });
  }
  if (input.purpose === "use" && !input.post?.trim()) {
    return refuse(prisma, actor, action, usage("拟使用的公示要写明岗位。", "/公示 #编号 使用 岗位=村委会委员"), { entity: "Candidate", entityId: person.id });
  }
  const full = await prisma.candidate.findUniqueOrThrow({ where: { id: person.id }, include: { village: { include: { parent: true } } } });
  const posted = formatDate(now);
  const period = noticePeriod(posted, days, SHIPPED_HOLIDAY_DATA);
  const text = noticeText({
    purpose: input.purpose,
    township: full.village.parent?.name ?? "乡镇",
    village: full.village.name,
    people: [{ name: full.name, gender: full.gender ? GENDER[full.gender] : null, birthYear: full.birthYear, education: full.education, post: input.post ?? null }],
    posted,
    lastDay: period.lastDay,
    workingDays: period.workingDays,
    days,
    contact: input.contact ?? null,
  });
  const notice = await prisma.publicNotice.create({
    data: {
      candidateId: person.id, purpose: input.purpose, post: input.post?.trim() || null, text, postedOn: posted, lastDay: period.lastDay,
      days, workingDays: period.workingDays, endsAt: noticeEndsAt(period.lastDay), createdById: actor.memberId, createdAt: now,
    },
  });
  await audit(prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "PublicNotice", entityId: notice.id, detail: { candidateId: person.id, purpose: input.purpose } });
  return notice;
}

export async function noticeFor(prisma: Db, actor: Actor, id: number, action: string) {
  const n = await prisma.publicNotice.findUnique({ where: { id }, include: { objections: { orderBy: { id: "asc" } }, candidate: { include: { village: true } } } });
  if (!n || !inScope(actor, n.candidate.village)) return refuse(prisma, actor, action, notFound(`没有公示 #${id}，或不在您负责的范围内。`, { id }));
  return n;
}

export async function recordObjection(db: Database, actor: Actor, noticeId: number, text: string, now: Date) {
  const action = "notice.objection";
  const n = await noticeFor(db.prisma, actor, noticeId, action);
  if (!text.trim()) return refuse(db.prisma, actor, action, usage("请写明异议内容。", `/公示 异议 #${noticeId} 反映其…`));
  const o = await db.prisma.noticeObjection.create({ data: { noticeId: n.id, text: text.trim(), recordedById: actor.memberId, at: now } });
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "NoticeObjection", entityId: o.id });
  return o;
}

export async function resolveObjection(db: Database, actor: Actor, objectionId: number, handling: string, upheld: boolean, now: Date) {
  const action = "notice.resolve";
  const o = await db.prisma.noticeObjection.findUnique({ where: { id: objectionId } });
  if (!o) return refuse(db.prisma, actor, action, notFound(`没有异议 #${objectionId}。`));
  await noticeFor(db.prisma, actor, o.noticeId, action);
  if (o.resolvedAt) return refuse(db.prisma, actor, action, usage(`异议 #${objectionId} 已经处理过了。`, "/公示 查看 #编号"));
  if ([...handling.trim()].length < 4) return refuse(db.prisma, actor, action, usage("请写明核实和处理情况（至少4个字）。", `/公示 处理 #${objectionId} 经核实不属实 成立=否`));
  const r = await db.prisma.noticeObjection.update({ where: { id: objectionId }, data: { handling: handling.trim(), upheld, resolvedAt: now, resolvedById: actor.memberId } });
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "NoticeObjection", entityId: objectionId, detail: { upheld } });
  return r;
}

/** End a notice: refused before its period is over; records its outcome. */
export async function endNotice(db: Database, actor: Actor, id: number, now: Date) {
  const action = "notice.end";
  const n = await noticeFor(db.prisma, actor, id, action);
  const early = endRefusal(n, now);
  if (early) return refuse(db.prisma, actor, action, usage(early, `/公示 查看 #${id}`), { entity: "PublicNotice", entityId: id });
  if (!n.endedAt) await db.prisma.publicNotice.update({ where: { id }, data: { endedAt: now } });
  const outcome = noticeOutcome(n, now);
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "PublicNotice", entityId: id, detail: { outcome } });
  return { notice: n, outcome };
}

export function noticeJson(n: Awaited<ReturnType<typeof noticeFor>>, now: Date) {
  const outcome = noticeOutcome(n, now);
  return {
    id: n.id,
    candidateId: n.candidateId,
    name: n.candidate.name,
    purpose: n.purpose,
    purposeLabel: NOTICE_PURPOSE[n.purpose],
    post: n.post,
    postedOn: n.postedOn,
    lastDay: n.lastDay,
    workingDays: n.workingDays,
    endsAt: n.endsAt,
    outcome,
    outcomeLabel: NOTICE_OUTCOME[outcome],
    text: n.text,
    objections: n.objections.map((o) => ({ id: o.id, text: o.text, at: o.at, handling: o.handling, upheld: o.upheld, resolvedAt: o.resolvedAt })),
  };
}

/** The notices of the people inside `area`, newest first, each with its outcome at `now`. */
export async function noticesIn(prisma: Db, area: AreaRef, now: Date, take = 200) {
  const rows = await prisma.publicNotice.findMany({
    where: { candidate: { village: underArea(area) } },
    include: { objections: true, candidate: { select: { id: true, name: true, village: { select: { name: true } } } } },
    orderBy: { id: "desc" },
    take,
  });
  return rows.map((n) => {
    const outcome = noticeOutcome(n, now);
    return { id: n.id, candidate: n.candidate, purpose: n.purpose, purposeLabel: NOTICE_PURPOSE[n.purpose], post: n.post, postedOn: n.postedOn, lastDay: n.lastDay, objections: n.objections.length, outcome, outcomeLabel: NOTICE_OUTCOME[outcome] };
  });
}
