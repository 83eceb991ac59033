// One person's path: what is recorded about their growing, as they and the cadres
// in scope see it (/成长 and GET /api/cultivation/people/:id). No scores, no ranks.
import type { Db } from "../../db/database.ts";
import { APPRAISAL_CHOICE } from "../../domain/cultivation/appraisal.ts";
import { noticeOutcome, NOTICE_OUTCOME, NOTICE_PURPOSE } from "../../domain/cultivation/notice.ts";
import { STAGE, type Stage } from "../../domain/glossary.ts";
import { formatDate } from "../../domain/time.ts";
import { roundTally } from "./appraisal.ts";
import { tagLabels } from "./mentoring.ts";
import { NOTE_KIND, type NoteKind } from "./records.ts";
import { studyHours } from "./trainings.ts";

export async function personPath(prisma: Db, candidateId: number, now: Date) {
  const [c, moves, pairs, reports, subjects, notices, notes, posts] = await Promise.all([
    prisma.candidate.findUniqueOrThrow({ where: { id: candidateId }, select: { id: true, name: true, stage: true, createdAt: true } }),
    prisma.stageMove.findMany({ where: { candidateId }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    prisma.mentorPair.findMany({ where: { candidateId }, orderBy: { id: "asc" }, include: { logs: { orderBy: { at: "desc" }, take: 3 } } }),
    prisma.cultivationReport.findMany({ where: { candidateId }, orderBy: { at: "desc" }, take: 12 }),
    prisma.appraisalSubject.findMany({ where: { candidateId, round: { closedAt: { not: null } } }, include: { round: true }, orderBy: { roundId: "asc" } }),
    prisma.publicNotice.findMany({ where: { candidateId }, include: { objections: true }, orderBy: { id: "asc" } }),
    prisma.fileNote.findMany({ where: { candidateId }, orderBy: { at: "asc" } }),
    prisma.postAssignment.findMany({ where: { candidateId }, include: { post: true }, orderBy: { id: "asc" } }),
  ]);
  const hours = await studyHours(prisma, candidateId, Number(formatDate(now).slice(0, 4)));
  const mentorIds = [...new Set(pairs.map((p) => p.mentorId))];
  const mentors = new Map((await prisma.chatMember.findMany({ where: { id: { in: mentorIds } }, select: { id: true, displayName: true } })).map((m) => [m.id, m.displayName]));
  const appraisals = [];
  for (const s of subjects) {
    const t = await roundTally(prisma, s.roundId);
    const mine = t.people.find((p) => p.candidateId === candidateId)!;
    appraisals.push({ roundId: s.roundId, title: s.round.title, closedAt: s.round.closedAt!, participation: t.participation, votes: mine.votes, shares: mine.shares, verdict: mine.verdict, verdictLabel: mine.verdict ? APPRAISAL_CHOICE[mine.verdict] : null });
  }
  return {
    id: c.id,
    name: c.name,
    stage: c.stage,
    stageLabel: STAGE[c.stage],
    studyHours: hours,
    moves: moves.map((m) => ({ at: m.at, from: m.fromStage, to: m.toStage, fromLabel: STAGE[m.fromStage], toLabel: STAGE[m.toStage], reason: m.reason, byId: m.byId, evidence: m.evidence })),
    mentors: pairs.map((p) => ({ pairId: p.id, mentorId: p.mentorId, mentor: mentors.get(p.mentorId) ?? `#${p.mentorId}`, startedAt: p.startedAt, endedAt: p.endedAt, recent: p.logs.map((l) => ({ at: l.at, tags: l.tags, tagLabels: tagLabels(l.tags), note: l.note })) })),
    reports: reports.map((r) => ({ id: r.id, period: r.period, at: r.at, text: r.text })),
    appraisals,
    notices: notices.map((n) => ({ id: n.id, purpose: n.purpose, purposeLabel: NOTICE_PURPOSE[n.purpose], postedOn: n.postedOn, lastDay: n.lastDay, outcome: noticeOutcome(n, now), outcomeLabel: NOTICE_OUTCOME[noticeOutcome(n, now)] })),
    notes: notes.map((n) => ({ id: n.id, kind: n.kind, kindLabel: NOTE_KIND[n.kind as NoteKind] ?? n.kind, label: n.label, note: n.note, at: n.at })),
    posts: posts.map((a) => ({ id: a.id, title: a.post.title, supervisor: a.post.supervisor, startsOn: a.post.startsOn, endsOn: a.post.endsOn, evaluation: a.evaluation, evaluationLabel: a.evaluation ? APPRAISAL_CHOICE[a.evaluation] : null })),
  };
}
export type PersonPath = Awaited<ReturnType<typeof personPath>>;

/** The path as a chat message. */
export function formatPath(p: PersonPath): string {
  const lines = [`【${p.name}的成长档案】现在：${p.stageLabel}`];
  if (p.moves.length) {
    lines.push("阶段变化：");
    for (const m of p.moves) lines.push(`· ${formatDate(m.at)} ${m.fromLabel}→${m.toLabel}（${m.reason}）`);
  }
  const current = p.mentors.filter((m) => !m.endedAt);
  lines.push(`帮带人：${current.length ? current.map((m) => m.mentor).join("、") : "暂无"}`);
  const h = p.studyHours;
  lines.push(`${h.year}年学习时长：约${h.totalHours}小时（打卡${h.checkinHours}小时${h.trainings.length ? `，参加培训${h.trainings.length}次${h.trainingHours}小时` : ""}）`);
  const last = p.reports[0];
  lines.push(`定期汇报：${p.reports.length ? `共${p.reports.length}次，最近 ${formatDate(last!.at)}` : "暂无"}`);
  for (const a of p.appraisals) lines.push(`民主测评（第${a.roundId}轮，${formatDate(a.closedAt)}）：${a.verdictLabel ?? "无有效票"}`);
  for (const n of p.notices) lines.push(`公示 #${n.id}（${n.purposeLabel}，${n.postedOn}至${n.lastDay}）：${n.outcomeLabel}`);
  for (const a of p.posts) lines.push(`实践岗位：${a.title}（${a.startsOn}至${a.endsOn}）${a.evaluationLabel ? `，评价：${a.evaluationLabel}` : ""}`);
  for (const n of p.notes) lines.push(`${n.kindLabel}（${formatDate(n.at)}）：${n.label ? `${n.label} ` : ""}${n.note}`);
  return lines.join("\n");
}

/** What /档案 adds for growing: the mentors, and the last stage move with its reason. */
export function fileLines(f: { mentors: string[]; lastMove: { at: Date; fromStage: Stage; toStage: Stage; reason: string } | null }): string[] {
  const lines = [`帮带人：${f.mentors.length ? f.mentors.join("、") : "暂无"}`];
  const last = f.lastMove;
  if (last) lines.push(`最近阶段变化：${formatDate(last.at)} ${STAGE[last.fromStage]}→${STAGE[last.toStage]}（${last.reason}）`);
  lines.push("成长档案的全部记录：/成长");
  return lines;
}
