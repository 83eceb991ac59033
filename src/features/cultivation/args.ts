// Reading the arguments of the cultivation commands: the person a command is
// about (@mention, #id or name) and "key=value" fields whose values may hold spaces.
import { notFound, usage } from "../../core/errors.ts";
import { itemNumber, normalise, tokens, withoutMentions } from "../../domain/command-parser.ts";
import { isCadre } from "../../domain/permissions.ts";
import type { FiledContext } from "../context.ts";
import { findCandidatesByName } from "../candidates/service.ts";

/** The person named first in `rest`, and what follows. */
export async function personArg(ctx: FiledContext, rest: string, howTo: string): Promise<{ candidateId: number; name: string; remaining: string }> {
  const prisma = ctx.services.db.prisma;
  // The person is whoever comes first: "@李娟 …" names a mention, "#12 @王书记" the record.
  const lead = rest.trimStart();
  const mention = /^[@＠]/.test(lead) ? ctx.message.mentions.find((m) => lead.startsWith(`@${m.name}`) || lead.startsWith(`＠${m.name}`)) : undefined;
  if (mention) {
    const m = await prisma.chatMember.findUnique({
      where: { channel_externalId: { channel: ctx.message.channel, externalId: mention.id } },
      select: { candidateId: true, candidate: { select: { name: true } } },
    });
    if (!m?.candidateId) throw notFound(`${mention.name}还没有绑定档案。`);
    return { candidateId: m.candidateId, name: m.candidate!.name, remaining: withoutMentions(rest, [mention]) };
  }
  const first = tokens(rest)[0];
  if (!first) throw usage("请指明是谁（@某人、#档案编号或姓名）。", howTo);
  const remaining = rest.slice(rest.indexOf(first) + first.length).trim();
  const id = itemNumber(first);
  if (id !== undefined) {
    const c = await prisma.candidate.findUnique({ where: { id }, select: { id: true, name: true } });
    if (!c) throw notFound(`没有档案 #${id}。`);
    return { candidateId: c.id, name: c.name, remaining };
  }
  const { actor } = ctx.filed;
  let found = await findCandidatesByName(prisma, first, isCadre(actor) ? actor.area : null);
  if (!found.length && actor.memberId !== null) {
    // A mentor may name a mentee who lives outside their area.
    const pairs = await prisma.mentorPair.findMany({ where: { mentorId: actor.memberId, endedAt: null, candidate: { name: first } }, select: { candidateId: true } });
    found = (await Promise.all(pairs.map((p) => prisma.candidate.findUnique({ where: { id: p.candidateId }, include: { village: { select: { id: true, name: true, level: true, path: true } } } })))).filter((c) => c !== null);
  }
  if (!found.length) throw notFound(`没有找到“${first}”的档案。`);
  if (found.length > 1) throw usage(`有${found.length}位${first}：${found.map((c) => `#${c.id}（${c.village.name}）`).join("、")}，请用编号。`, howTo);
  return { candidateId: found[0]!.id, name: found[0]!.name, remaining };
}

/**
 * "培养对象 理由=经村党组织研究 列为培养对象 岗位=村委会委员" with keys 理由, 岗位 →
 * { head: "培养对象", fields: { 理由: "经村党组织研究 列为培养对象", 岗位: "村委会委员" } }.
 * A value runs to the next known key, so it may hold spaces.
 */
export function fieldsUntil(rest: string, keys: readonly string[]): { head: string; fields: Record<string, string> } {
  const alt = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const re = new RegExp(`(?:^|\\s)(${alt})\\s*[=＝:：]`, "g");
  const hits = [...rest.matchAll(re)];
  const head = (hits.length ? rest.slice(0, hits[0]!.index) : rest).trim();
  const fields: Record<string, string> = {};
  hits.forEach((h, i) => {
    const start = h.index! + h[0].length;
    const end = i + 1 < hits.length ? hits[i + 1]!.index! : rest.length;
    fields[normalise(h[1]!)] = rest.slice(start, end).trim();
  });
  return { head, fields };
}
