// What people add to a file besides stage moves: a reserve's regular reports, and
// cadres' notes (inspection, assessment, care and incentives, sign-offs).
import { usage } from "../../core/errors.ts";
import type { Database } from "../../db/database.ts";
import { reportPeriod } from "../../domain/cultivation/light-touch.ts";
import type { Actor } from "../../domain/permissions.ts";
import { clip } from "../../domain/text.ts";
import { audit } from "../audit.ts";
import { personFor, refuse, requireOver } from "./guard.ts";

export const NOTE_KIND = {
  inspection: "考察",
  daily: "日常考核",
  annual: "年度考核",
  visit: "走访慰问",
  talk: "谈心谈话",
  support: "创业就业支持",
  award: "评先选优",
  party: "推荐入党",
  deputy: "推荐两代表一委员",
  sign_off: "资格联审",
} as const;
export type NoteKind = keyof typeof NOTE_KIND;

/** A reserve's report for the current period; a second one in a period is kept too. */
export async function submitReport(db: Database, actor: Actor, text: string, rhythm: "monthly" | "quarterly", now: Date) {
  const action = "report.submit";
  if (!actor.candidateId) return refuse(db.prisma, actor, action, usage("您的微信还没有关联档案，先用 /绑定 绑定码 关联后再汇报。", "/汇报 思想：… 工作：… 学习：…"));
  const body = text.trim();
  if ([...body].length < 6) return refuse(db.prisma, actor, action, usage("汇报内容太短了，简单说说这段时间的思想、工作、学习情况即可。", "/汇报 思想：… 工作：… 学习：…"));
  const period = reportPeriod(now, rhythm);
  const r = await db.prisma.cultivationReport.create({ data: { candidateId: actor.candidateId, period, text: clip(body, 2000), at: now, memberId: actor.memberId } });
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "CultivationReport", entityId: r.id });
  return r;
}

/** A cadre's note on a file. Inspection and sign-offs take a township organiser; the rest any cadre in scope. */
export async function addNote(db: Database, actor: Actor, input: { candidateId: number; kind: NoteKind; note: string; label?: string }, now: Date) {
  const action = `note.${input.kind}`;
  const person = await personFor(db.prisma, actor, input.candidateId, action);
  const min = input.kind === "inspection" || input.kind === "sign_off" || input.kind === "annual" ? "township_organiser" : "village_cadre";
  await requireOver(db.prisma, actor, person, min, action);
  if (!input.note.trim()) return refuse(db.prisma, actor, action, usage(`请写明${NOTE_KIND[input.kind]}的内容。`, "/考察 #12 与本人及村两委谈话，群众评价较好"));
  if (input.kind === "sign_off" && !input.label?.trim()) return refuse(db.prisma, actor, action, usage("请写明联审的部门。", "联审部门如：纪检监察、公安、法院、信访"));
  const n = await db.prisma.fileNote.create({ data: { candidateId: person.id, kind: input.kind, note: clip(input.note.trim(), 2000), label: input.label?.trim() || null, at: now, byId: actor.memberId } });
  await audit(db.prisma, { actorId: actor.memberId, action, outcome: "ok", entity: "FileNote", entityId: n.id });
  return { note: n, person };
}
