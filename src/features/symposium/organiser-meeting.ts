// The organiser's /座谈会 subcommands for the meeting itself: who came, the minutes, and
// the ideas raised, each filed under the person who raised it.
import { AppError, notFound, usage } from "../../core/errors.ts";
import { tokens, withoutMentions } from "../../domain/command-parser.ts";
import { clip } from "../../domain/text.ts";
import { audit } from "../audit.ts";
import type { FiledContext } from "../context.ts";
import { createFeedback } from "../feedback/service.ts";
import { beijingDay, type Campaign } from "./service.ts";
import { current } from "./organiser-campaign.ts";
import * as T from "./texts.ts";

/** Invitees of the campaign by name or @-mention; unknown names are reported, not guessed. */
async function inviteesNamed(ctx: FiledContext, c: Campaign, rest: string) {
  const prisma = ctx.services.db.prisma;
  const mentioned = await Promise.all(
    ctx.message.mentions.map((m) => prisma.chatMember.findUnique({ where: { channel_externalId: { channel: ctx.message.channel, externalId: m.id } }, select: { candidateId: true } })),
  );
  const names = tokens(withoutMentions(rest, ctx.message.mentions));
  const rows = await prisma.symposiumInvitee.findMany({
    where: { campaignId: c.id, OR: [{ candidate: { name: { in: names } } }, { candidateId: { in: mentioned.flatMap((m) => (m?.candidateId ? [m.candidateId] : [])) } }] },
    include: { candidate: { select: { name: true } } },
  });
  const unknown = names.filter((n) => !rows.some((r) => r.candidate.name === n));
  return { rows, unknown };
}

export async function markAttendance(ctx: FiledContext, rest: string, townshipName: string | undefined): Promise<void> {
  const c = await current(ctx, townshipName);
  if (c.state !== "invited" && c.state !== "held") throw new AppError("bad_arguments", "还没定座谈会的日期，无法签到。");
  const today = beijingDay(ctx.message.sentAt);
  if (today < c.date!) throw new AppError("bad_arguments", `座谈会定在${T.dayLabel(c.date!, c.seasonKind)}，当天才能签到。`);
  if (!rest.trim() && !ctx.message.mentions.length) throw usage("请写上到会的人。", "/座谈会 签到 张三 李四");
  const { rows, unknown } = await inviteesNamed(ctx, c, rest);
  const at = ctx.message.sentAt;
  const fresh = rows.filter((r) => !r.signedInAt);
  await ctx.services.db.prisma.symposiumInvitee.updateMany({ where: { id: { in: fresh.map((r) => r.id) } }, data: { signedInAt: at < c.startsAt! ? at : c.startsAt!, signedInBy: "organiser" } });
  await audit(ctx.services.db.prisma, { actorId: ctx.filed.actor.memberId, action: "symposium.attendance", outcome: "ok", entity: "SymposiumCampaign", entityId: c.id, detail: { names: rows.map((r) => r.candidate.name) } });
  const parts = [`已签到${fresh.length}人${fresh.length ? `：${fresh.map((r) => r.candidate.name).join("、")}` : ""}。`];
  const already = rows.filter((r) => r.signedInAt);
  if (already.length) parts.push(`${already.map((r) => r.candidate.name).join("、")}之前已签到。`);
  if (unknown.length) parts.push(`这次座谈会的邀请名单里没有：${unknown.map((n) => clip(n, 10)).join("、")}。`);
  await ctx.reply(parts.join(""));
}

export async function minutes(ctx: FiledContext, rest: string, townshipName: string | undefined): Promise<void> {
  const c = await current(ctx, townshipName);
  if (c.state !== "invited" && c.state !== "held") throw new AppError("bad_arguments", "座谈会还没开，暂时不能记纪要。");
  if (beijingDay(ctx.message.sentAt) < c.date!) throw new AppError("bad_arguments", `座谈会定在${T.dayLabel(c.date!, c.seasonKind)}，开完会再记纪要。`);
  const text = rest.trim();
  if (!text) throw usage("请写上纪要内容；较长的可以分几条发送，会按顺序接在一起。", "/座谈会 纪要 会上大家谈了……");
  const prisma = ctx.services.db.prisma;
  const all = c.minutes ? `${c.minutes}\n${text}` : text;
  await prisma.symposiumCampaign.update({ where: { id: c.id }, data: { minutes: all, minutesAt: ctx.message.sentAt, state: "held" } });
  await audit(prisma, { actorId: ctx.filed.actor.memberId, action: "symposium.minutes", outcome: "ok", entity: "SymposiumCampaign", entityId: c.id });
  await ctx.reply(`纪要已记录（共${[...all].length}字）。还可以继续发送 /座谈会 纪要 … 补充；会上的建议请用 /座谈会 建议 @某人 内容 记到本人名下。`);
}

export async function idea(ctx: FiledContext, rest: string, townshipName: string | undefined): Promise<void> {
  const c = await current(ctx, townshipName);
  if (c.state !== "invited" && c.state !== "held") throw new AppError("bad_arguments", "座谈会还没开，暂时不能记会上的建议。");
  const howTo = "/座谈会 建议 @李娟 发展茶叶电商直播";
  const prisma = ctx.services.db.prisma;
  let candidateId: number | null = null;
  let text = withoutMentions(rest, ctx.message.mentions);
  const mention = ctx.message.mentions[0];
  if (mention) {
    const m = await prisma.chatMember.findUnique({ where: { channel_externalId: { channel: ctx.message.channel, externalId: mention.id } }, select: { candidateId: true } });
    candidateId = m?.candidateId ?? null;
    if (!candidateId) throw notFound(`${mention.name}还没有绑定档案。`);
  } else {
    const name = tokens(text)[0];
    if (!name) throw usage("请写上是谁提的建议和内容。", howTo);
    const found = await prisma.symposiumInvitee.findMany({ where: { campaignId: c.id, candidate: { name } }, select: { candidateId: true } });
    if (found.length !== 1) throw usage(found.length ? `邀请名单里有${found.length}位${name}，请用 @ 指明。` : `这次座谈会的邀请名单里没有“${clip(name, 10)}”。`, howTo);
    candidateId = found[0]!.candidateId;
    text = text.slice(text.indexOf(name) + name.length).trim();
  }
  const inv = await prisma.symposiumInvitee.findUnique({ where: { campaignId_candidateId: { campaignId: c.id, candidateId } }, include: { candidate: { select: { name: true, villageId: true, members: { select: { id: true }, take: 1, orderBy: { id: "asc" } } } } } });
  if (!inv) throw usage("这个人不在这次座谈会的邀请名单里。", howTo);
  if (!text) throw usage("请写上建议的内容。", howTo);
  // A redelivered command files nothing new.
  const messageId = ctx.filed.messageId;
  if (messageId !== null && (await prisma.feedbackItem.findUnique({ where: { messageId } }))) return;
  const topic = (await ctx.services.classifier.classify(text))?.topic ?? "other";
  const author = inv.candidate.members[0]?.id ?? ctx.filed.member.id;
  const { id } = await ctx.services.db.transaction(async ({ prisma: tx, sql }) => {
    const item = await createFeedback(
      sql,
      { kind: "idea", topic, text: clip(text, 1000), detectedBy: "symposium", messageId, candidateId, authorId: author, groupId: null, areaId: inv.candidate.villageId },
      ctx.filed.member.id,
      ctx.message.sentAt,
    );
    await tx.symposiumIdea.create({ data: { feedbackId: item.id, campaignId: c.id } });
    return item;
  });
  await ctx.reply(`已记为建议 #${id}（${inv.candidate.name}提出），会像其他建议一样跟进办理，办理情况会记在${inv.candidate.name}的档案里。`);
}
