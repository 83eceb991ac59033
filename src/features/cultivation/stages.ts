// Stage moves: gather the evidence the rule asks for, let the domain decide, and
// record the move with who, when, why and that evidence. Counts by stage at any date.
import { usage } from "../../core/errors.ts";
import type { Db, Prisma } from "../../db/database.ts";
import { pathUnder } from "../../db/area-sql.ts";
import type { AreaRef } from "../../domain/area.ts";
import type { AppraisalChoice } from "../../domain/cultivation/appraisal.ts";
import { noticeOutcome, type NoticePurpose } from "../../domain/cultivation/notice.ts";
import { planMove, type MoveEvidence, type MoveRules } from "../../domain/cultivation/stages.ts";
import { STAGE, type Stage } from "../../domain/glossary.ts";
import type { Actor } from "../../domain/permissions.ts";
import type { Database } from "../../db/database.ts";
import { audit } from "../audit.ts";
import { personFor, refuse, requireOver } from "./guard.ts";
import { roundTally } from "./appraisal.ts";

/** What the rule reads for one person, at `now`. */
export async function evidenceFor(prisma: Db, candidateId: number, purpose: NoticePurpose | null, now: Date): Promise<MoveEvidence> {
  const [subject, inspection, signOffs, notice] = await Promise.all([
    prisma.appraisalSubject.findFirst({
      where: { candidateId, round: { closedAt: { not: null } } },
      orderBy: { round: { closedAt: "desc" } },
      include: { round: true },
    }),
    prisma.fileNote.findFirst({ where: { candidateId, kind: "inspection" }, orderBy: { at: "desc" } }),
    prisma.fileNote.findMany({ where: { candidateId, kind: "sign_off" }, orderBy: { at: "asc" } }),
    purpose
      ? prisma.publicNotice.findFirst({ where: { candidateId, purpose }, orderBy: { id: "desc" }, include: { objections: true } })
      : Promise.resolve(null),
  ]);
  let appraisal: MoveEvidence["appraisal"] = null;
  if (subject) {
    const t = await roundTally(prisma, subject.roundId);
    const verdict = t.people.find((p) => p.candidateId === candidateId)?.verdict ?? null;
    appraisal = { roundId: subject.roundId, closedAt: subject.round.closedAt!, verdict: verdict as AppraisalChoice | null };
  }
  return {
    appraisal,
    inspection: inspection && { id: inspection.id, at: inspection.at },
    signOffs: signOffs.map((s) => ({ office: s.label ?? "", on: s.note })),
    notice: notice && { id: notice.id, purpose: notice.purpose, outcome: noticeOutcome(notice, now) },
  };
}

export interface MoveInput {
  candidateId: number;
  to: Stage;
  reason: string;
  post?: string;
}

/** Move a person's stage, or refuse (audited) saying what is missing. */
export async function moveStage(db: Database, actor: Actor, input: MoveInput, rules: MoveRules, now: Date) {
  const prisma = db.prisma;
  const action = "stage.move";
  const person = await personFor(prisma, actor, input.candidateId, action);
  await requireOver(prisma, actor, person, "township_organiser", action);
  const purpose: NoticePurpose | null = input.to === "reserve" ? "entry" : input.to === "used" ? "use" : null;
  const evidence = await evidenceFor(prisma, person.id, purpose, now);
  const decision = planMove({ from: person.stage, to: input.to, reason: input.reason, post: input.post, evidence }, rules);
  if (!decision.ok) {
    return refuse(prisma, actor, action, usage(`${person.name}：${decision.refusal}`, "/阶段 #编号 培养对象 理由=…（使用时加 岗位=…）"), { entity: "Candidate", entityId: person.id });
  }
  return db.transaction(async ({ prisma: tx }) => {
    // The stage is re-read under the update: two organisers moving at once cannot both move from the same stage.
    const updated = await tx.candidate.updateMany({ where: { id: person.id, stage: person.stage }, data: { stage: input.to } });
    if (!updated.count) throw usage(`${person.name}的阶段刚被别人调整过，请重新查看后再办理。`, "/成长 #编号");
    const move = await tx.stageMove.create({
      data: { candidateId: person.id, fromStage: person.stage, toStage: input.to, at: now, byId: actor.memberId, reason: input.reason.trim(), evidence: decision.evidence as never },
    });
    await audit(tx, { actorId: actor.memberId, action, outcome: "ok", entity: "Candidate", entityId: person.id, detail: { from: person.stage, to: input.to, move: move.id } });
    return { person, move, text: `已将${person.name}（#${person.id}）由${STAGE[person.stage]}调整为${STAGE[input.to]}。理由：${input.reason.trim()}` };
  });
}

/**
 * Counts by stage inside an area at a past instant: each person's stage then is the
 * target of their last move before it, else the origin of their first move after it,
 * else their stage now; people registered after it are not counted.
 * Raw SQL: one pass over the area, whatever its size (the overview asks for it often).
 */
export async function stageCountsAt(db: Database, area: AreaRef, at: Date): Promise<Record<Stage, number>> {
  const rows = await db.sql.query<{ stage: Stage; n: number }>(
    `SELECT COALESCE(
              (SELECT m."toStage" FROM "StageMove" m WHERE m."candidateId" = c.id AND m.at <= $2 ORDER BY m.at DESC, m.id DESC LIMIT 1),
              (SELECT m."fromStage" FROM "StageMove" m WHERE m."candidateId" = c.id AND m.at > $2 ORDER BY m.at, m.id LIMIT 1),
              c.stage)::text AS stage,
            count(*)::int AS n
       FROM "Candidate" c JOIN "Area" v ON v.id = c."villageId"
      WHERE ${pathUnder("v.path", 1)} AND c."createdAt" <= $2
      GROUP BY 1`,
    [area.path, at.toISOString()],
  );
  const out = Object.fromEntries(Object.keys(STAGE).map((k) => [k, 0])) as Record<Stage, number>;
  for (const r of rows) out[r.stage] = r.n;
  return out;
}

/** A person's moves, oldest first, for their path and file. */
export function stageHistory(prisma: Prisma, candidateId: number) {
  return prisma.stageMove.findMany({ where: { candidateId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
}
