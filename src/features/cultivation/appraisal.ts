// Appraisal rounds (民主评测): open with the people and the number of voters, hand
// out one-time codes, take ballots, close and tally. A ballot marks its code used and
// adds one to a count per (person, choice) in one transaction; nothing else is
// written, so no row links a vote to a code or a voter.
import { randomBytes } from "node:crypto";
import { AppError, notFound, usage } from "../../core/errors.ts";
import type { Database, Db } from "../../db/database.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import { checkBallot, codeFromBytes, normaliseCode, tally, type AppraisalChoice } from "../../domain/cultivation/appraisal.ts";
import { inScope, type Actor } from "../../domain/permissions.ts";
import { audit } from "../audit.ts";
import { refuse } from "./guard.ts";

export const MAX_VOTERS = 2000;

export interface OpenRoundInput {
  villageId: number;
  title?: string;
  candidateIds: number[];
  voters: number;
}

export async function openRound(db: Database, actor: Actor, input: OpenRoundInput, now: Date) {
  const prisma = db.prisma;
  const action = "appraisal.open";
  const village = await prisma.area.findUnique({ where: { id: input.villageId } });
  if (!village || village.level !== "village" || !inScope(actor, village)) {
    return refuse(prisma, actor, action, notFound("没有这个村，或不在您负责的范围内。", { villageId: input.villageId }));
  }
  if (!Number.isInteger(input.voters) || input.voters < 1 || input.voters > MAX_VOTERS) {
    return refuse(prisma, actor, action, usage(`投票人数应为1到${MAX_VOTERS}之间的整数。`, "/测评 开始 青山村 李娟 张伟 人数=30"));
  }
  const ids = [...new Set(input.candidateIds)];
  const people = await prisma.candidate.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, villageId: true } });
  const strangers = people.filter((p) => p.villageId !== village.id);
  if (!ids.length || people.length !== ids.length || strangers.length) {
    return refuse(prisma, actor, action, usage(`测评对象须是${village.name}在册的人。`, "/测评 开始 青山村 李娟 张伟 人数=30"));
  }
  const codes = newCodes(input.voters);
  const round = await db.transaction(async ({ prisma: tx }) => {
    const r = await tx.appraisalRound.create({
      data: { villageId: village.id, title: input.title?.trim() || `${village.name}民主测评`, openedAt: now, createdById: actor.memberId },
    });
    await tx.appraisalSubject.createMany({ data: people.map((p) => ({ roundId: r.id, candidateId: p.id, name: p.name })) });
    await tx.ballotCode.createMany({ data: codes.map((code) => ({ code, roundId: r.id })) });
    await audit(tx, { actorId: actor.memberId, action, outcome: "ok", entity: "AppraisalRound", entityId: r.id, detail: { people: ids, voters: input.voters } });
    return r;
  });
  return { round, village, people, codes };
}

/** Distinct random codes (a clash across rounds is refused by the primary key; at 31^8 it does not happen in practice). */
function newCodes(n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) out.add(codeFromBytes(randomBytes(8)));
  return [...out];
}

/** What a ballot page shows for a code: the round and its people; refuses a used or unknown code. */
export async function ballotFor(prisma: Db, rawCode: string) {
  const code = normaliseCode(rawCode);
  if (!code) throw usage("选票码是8位字母和数字，请对照纸条重新输入。", "ABCD2345");
  const row = await prisma.ballotCode.findUnique({ where: { code }, include: { round: { include: { subjects: { orderBy: { candidateId: "asc" } } } } } });
  if (!row) throw notFound("没有这个选票码，请对照纸条重新输入。");
  if (row.used) throw new AppError("bad_arguments", "这个选票码已经投过票了，每个码只能投一次。");
  if (row.round.closedAt) throw new AppError("bad_arguments", "本轮测评已经结束。");
  return { code, round: row.round, subjects: row.round.subjects.map((s) => ({ candidateId: s.candidateId, name: s.name })) };
}

/**
 * Cast a ballot. The audit line names the round only: no actor, no code.
 * Raw SQL: a row lock on the round, the code taken with a conditional update and the
 * counts added in one transaction, so 300 ballots at once each count exactly once.
 */
export async function castBallot(db: Database, rawCode: string, marks: Record<string, string>): Promise<{ roundId: number; counted: number }> {
  const ballot = await ballotFor(db.prisma, rawCode);
  const checked = checkBallot(ballot.subjects, marks);
  if (!checked.ok) {
    await audit(db.prisma, { actorId: null, action: "appraisal.ballot", outcome: "denied", entity: "AppraisalRound", entityId: ballot.round.id, detail: { reason: checked.problem } });
    throw new AppError("bad_arguments", checked.problem);
  }
  const roundId = ballot.round.id;
  await db.sql.transaction(async (tx) => {
    // A share lock on the round: ballots do not wait for each other, but closing the
    // round waits for those in flight, and no ballot counts after it is closed.
    const [round] = await tx.query<{ closedAt: Date | null }>(`SELECT "closedAt" FROM "AppraisalRound" WHERE id = $1 FOR SHARE`, [roundId]);
    if (round?.closedAt) throw new AppError("bad_arguments", "本轮测评已经结束。");
    const taken = await tx.query(
      `UPDATE "BallotCode" b SET used = true FROM "AppraisalRound" r
        WHERE b.code = $1 AND b.used = false AND r.id = b."roundId" AND r."closedAt" IS NULL RETURNING b.code`,
      [ballot.code],
    );
    if (!taken.length) throw new AppError("bad_arguments", "这个选票码已经投过票了，每个码只能投一次。");
    await tx.query(
      `INSERT INTO "AppraisalCount" ("roundId", "candidateId", choice, count)
       SELECT $1, u.c, u.ch::"AppraisalChoice", 1 FROM unnest($2::int[], $3::text[]) AS u(c, ch)
       ON CONFLICT ("roundId", "candidateId", choice) DO UPDATE SET count = "AppraisalCount".count + 1`,
      [roundId, checked.marks.map((m) => m.candidateId), checked.marks.map((m) => m.choice)],
    );
    await tx.query(`INSERT INTO "AuditLog" (at, "actorId", action, outcome, entity, "entityId") VALUES (date_trunc('hour', now()), NULL, 'appraisal.ballot', 'ok', 'AppraisalRound', $1)`, [String(roundId)]);
  });
  return { roundId, counted: checked.marks.length };
}

export async function roundTally(prisma: Db, roundId: number) {
  const [subjects, counts, issued, used] = await Promise.all([
    prisma.appraisalSubject.findMany({ where: { roundId }, orderBy: { candidateId: "asc" } }),
    prisma.appraisalCount.findMany({ where: { roundId } }),
    prisma.ballotCode.count({ where: { roundId } }),
    prisma.ballotCode.count({ where: { roundId, used: true } }),
  ]);
  return tally(
    subjects.map((s) => ({ candidateId: s.candidateId, name: s.name })),
    counts.map((c) => ({ candidateId: c.candidateId, choice: c.choice as AppraisalChoice, count: c.count })),
    { issued, used },
  );
}

/** A round the actor may run: inside their area. */
export async function roundFor(prisma: Db, actor: Actor, id: number, action: string) {
  const round = await prisma.appraisalRound.findUnique({ where: { id } });
  const village = round && (await prisma.area.findUnique({ where: { id: round.villageId } }));
  if (!round || !village || !inScope(actor, village)) return refuse(prisma, actor, action, notFound(`没有第${id}轮测评，或不在您负责的范围内。`, { id }));
  return { round, village };
}

/** Close a round: no more ballots; the tally goes to each person's file (read from the counts). */
export async function closeRound(db: Database, actor: Actor, id: number, now: Date) {
  const action = "appraisal.close";
  const { round, village } = await roundFor(db.prisma, actor, id, action);
  if (round.closedAt) return refuse(db.prisma, actor, action, usage(`第${id}轮测评已经结束。`, `/测评 结果 #${id}`));
  await db.prisma.appraisalRound.update({ where: { id }, data: { closedAt: now } });
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "AppraisalRound", entityId: id });
  return { round: { ...round, closedAt: now }, village, tally: await roundTally(db.prisma, id) };
}

/** The codes not yet used, for the organiser's printed sheet. */
export async function unusedCodes(prisma: Db, actor: Actor, id: number) {
  const { round, village } = await roundFor(prisma, actor, id, "appraisal.codes");
  const codes = await prisma.ballotCode.findMany({ where: { roundId: id, used: false }, select: { code: true }, orderBy: { code: "asc" } });
  return { round, village, codes: codes.map((c) => c.code) };
}

/** The appraisal rounds of the villages inside `area`, newest first, with how many people each rates (no tallies: those are per round). */
export async function roundsIn(prisma: Db, area: AreaRef, take = 200) {
  const villages = await prisma.area.findMany({ where: { ...underArea(area), level: "village" }, select: { id: true, name: true } });
  const names = new Map(villages.map((v) => [v.id, v.name]));
  const rounds = await prisma.appraisalRound.findMany({
    where: { villageId: { in: villages.map((v) => v.id) } },
    include: { _count: { select: { subjects: true } } },
    orderBy: { id: "desc" },
    take,
  });
  return rounds.map(({ _count, ...r }) => ({ ...r, village: names.get(r.villageId) ?? "", people: _count.subjects }));
}
