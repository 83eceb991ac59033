// The person a command is about, as every command names them: "@李娟" (a mention),
// "#12" or "12" (a record), or "李娟" (a name). One reader, one rule of who may see whom:
// a record outside the asker's scope reads exactly like a record that does not exist,
// and a reserve's name search finds their own record only, never people across the county.
import { forbidden, notFound, usage } from "../../core/errors.ts";
import { itemNumber, tokens, withoutMentions } from "../../domain/command-parser.ts";
import { canSeeCandidate, isCadre } from "../../domain/permissions.ts";
import { clip, excerpt } from "../../domain/text.ts";
import type { FiledContext } from "../context.ts";
import { isMentorOf } from "../cultivation/mentoring.ts";
import { findCandidateById, findCandidatesByName, type CandidateWithVillage } from "./service.ts";

export interface PersonOptions {
  /** A mentor also reaches the people paired with them (结对帮带), wherever those live. */
  mentees?: boolean;
}

/**
 * The person named first in `rest`, if the asker may see them, and the text after the name.
 * `/阶段 #12 培养对象 理由=…` → the record #12 and "培养对象 理由=…".
 */
export async function readPerson(ctx: FiledContext, rest: string, howTo: string, opts: PersonOptions = {}): Promise<{ candidate: CandidateWithVillage; remaining: string }> {
  const prisma = ctx.services.db.prisma;
  const { actor } = ctx.filed;
  // Refused alike whether the record exists or not; a reserve hears only that their own file is theirs to see.
  const refuse = (what: string) => forbidden(isCadre(actor) ? `没有${what}，或不在您负责的范围内。` : "您只能查看自己的档案。");
  const visible = async (c: CandidateWithVillage | null, what: string): Promise<CandidateWithVillage> => {
    const mentor = !!c && !!opts.mentees && (await isMentorOf(prisma, actor.memberId, c.id));
    if (!c || !canSeeCandidate(actor, { id: c.id, villagePath: c.village.path }, { mentor })) throw refuse(what);
    return c;
  };

  const lead = rest.trimStart();
  const mentions = ctx.message.mentions;
  // The mention the text starts with; its name in the text may differ from the account's
  // (a group nickname), and then the first mention is the one meant.
  const mention = /^[@＠]/.test(lead) ? (mentions.find((m) => lead.startsWith(`@${m.name}`) || lead.startsWith(`＠${m.name}`)) ?? mentions[0]) : undefined;
  if (mention) {
    const m = await prisma.chatMember.findUnique({
      where: { channel_externalId: { channel: ctx.message.channel, externalId: mention.id } },
      select: { candidateId: true },
    });
    const c = await visible(m?.candidateId ? await findCandidateById(prisma, m.candidateId) : null, `${clip(mention.name, 20)}的档案`);
    return { candidate: c, remaining: withoutMentions(rest, [mention]) };
  }

  const first = tokens(withoutMentions(rest, mentions))[0];
  if (!first) throw usage("请指明是谁（@某人、#档案编号或姓名）。", howTo);
  const remaining = rest.slice(rest.indexOf(first) + first.length).trim();
  const id = itemNumber(first);
  if (id !== undefined) {
    return { candidate: await visible(await findCandidateById(prisma, id), `档案 #${id}`), remaining };
  }

  // By name: a cadre searches their area (and, with `mentees`, the people paired with
  // them); a reserve finds their own record only.
  let found: CandidateWithVillage[] = [];
  if (isCadre(actor)) found = await findCandidatesByName(prisma, first, actor.area);
  else if (actor.candidateId) {
    const own = await findCandidateById(prisma, actor.candidateId);
    if (own && own.name === first) found = [own];
  }
  if (!found.length && opts.mentees && actor.memberId !== null) {
    const pairs = await prisma.mentorPair.findMany({ where: { mentorId: actor.memberId, endedAt: null, candidate: { name: first } }, select: { candidateId: true } });
    found = (await Promise.all(pairs.map((p) => findCandidateById(prisma, p.candidateId)))).filter((c) => c !== null);
  }
  if (!found.length) throw isCadre(actor) ? notFound(`没有找到“${excerpt(first, 20)}”的档案（仅查找您负责的范围）。`) : refuse("");
  if (found.length > 1) throw usage(`有${found.length}位${excerpt(first, 20)}：${found.map((c) => `#${c.id}（${c.village.name}）`).join("、")}，请用编号。`, howTo);
  return { candidate: found[0]!, remaining };
}

/**
 * The record a command names (@someone, #id, a name: see readPerson), or with nothing
 * named the asker's own.
 */
export async function targetCandidate(ctx: FiledContext, rest: string, howTo: string, opts: PersonOptions = {}): Promise<CandidateWithVillage> {
  const { actor } = ctx.filed;
  if (!ctx.message.mentions.length && !tokens(rest)[0]) {
    if (!actor.candidateId) throw usage("您的微信还没有关联档案，请指明要查看谁。", howTo);
    return (await findCandidateById(ctx.services.db.prisma, actor.candidateId))!;
  }
  return (await readPerson(ctx, rest, howTo, opts)).candidate;
}
