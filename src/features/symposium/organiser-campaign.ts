// The organiser's /座谈会 subcommands about the campaign as a whole: where it stands,
// starting it, the proposed days, the summary across townships, and cancelling it.
import { AppError, notFound } from "../../core/errors.ts";
import { nextSeason } from "../../domain/symposium/seasons.ts";
import { dayAndClock } from "../../domain/time.ts";
import { audit } from "../audit.ts";
import type { FiledContext } from "../context.ts";
import {
  beijingDay,
  confirmCampaign,
  countsOf,
  createCampaign,
  labelOf,
  latestCampaign,
  poolSize,
  proposalFor,
  resolveTownship,
  type Campaign,
} from "./service.ts";
import { kick } from "./kick.ts";
import { campaignsChanged } from "./recognise.ts";
import * as T from "./texts.ts";

/** The township's current campaign, or a clear answer when it has none. */
export async function current(ctx: FiledContext, townshipName: string | undefined): Promise<Campaign> {
  const prisma = ctx.services.db.prisma;
  const township = await resolveTownship(prisma, ctx.filed.actor, townshipName, ctx.filed.group?.area ?? null);
  const c = await latestCampaign(prisma, township.id);
  if (!c) throw notFound(`${township.name}还没有座谈会。发送 /座谈会 开始 乡镇=${township.name} 开始本季的回乡座谈。`);
  return c;
}

export async function status(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
  const c = await current(ctx, townshipName);
  const n = (await countsOf(ctx.services.db.prisma, [c.id])).get(c.id)!;
  const lines = [`${T.title(labelOf(c))}：${T.STATE_LABEL[c.state]}`];
  if (c.state === "draft") {
    lines.push(`将询问${await poolSize(ctx.services.db.prisma, c.township)}位后备力量。确认请发送 /座谈会 开始`);
  } else {
    lines.push(`邀请${n.invited}人，已答复${n.answered}人：回家${n.coming}人，不回${n.notComing}人，未定${n.unclear}人；未答复${n.invited - n.answered}人。`);
  }
  if (c.date && c.startsAt) {
    lines.push(`定于${T.dayLabel(c.date, c.seasonKind)}${dayAndClock(c.startsAt).clock}，地点：${c.place}${c.agenda ? `，议题：${c.agenda}` : ""}。`);
    lines.push(`报名参加${n.rsvpYes}人，请假${n.rsvpNo}人，待定${n.rsvpMaybe}人；签到${n.attended}人。`);
  }
  if (c.state === "held") lines.push(`纪要已记录；会上建议${n.ideas}条，已办结${n.ideasClosed}条。`);
  // Who has not answered is for the organiser's eyes only: never listed in a group.
  if (!ctx.message.conversation.isGroup && c.state === "asking") {
    const silent = await ctx.services.db.prisma.symposiumInvitee.findMany({
      where: { campaignId: c.id, homeStatus: null },
      select: { candidate: { select: { name: true } } },
      orderBy: { id: "asc" },
      take: 50,
    });
    if (silent.length) lines.push(`尚未答复：${silent.map((s) => s.candidate.name).join("、")}`);
  }
  await ctx.reply(lines.join("\n"));
}

export async function start(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
  const { db } = ctx.services;
  const { actor } = ctx.filed;
  const at = ctx.message.sentAt;
  const township = await resolveTownship(db.prisma, actor, townshipName, ctx.filed.group?.area ?? null);
  let c = await latestCampaign(db.prisma, township.id);
  const o = nextSeason(beijingDay(at), ctx.services.config.symposium.seasons);
  const sameSeason = c && c.season === o.season.name && c.year === o.year;
  let invited: number;
  if (c && c.state === "draft") {
    invited = await confirmCampaign(db, c, actor.memberId, at);
  } else if (sameSeason || (c && (c.state === "asking" || c.state === "invited"))) {
    throw new AppError("bad_arguments", `${T.title(labelOf(c!))}已经开始了（${T.STATE_LABEL[c!.state]}），不能重复开始。发送 /座谈会 状态 查看进展。`);
  } else {
    const made = await createCampaign(db.prisma, township, o, { state: "asking", byId: actor.memberId, at });
    if (!made) throw new AppError("bad_arguments", `${township.name}${o.year}年${o.season.name}的座谈会已经有过了（可能已取消），不能重复开始。`);
    c = made;
    invited = await db.prisma.symposiumInvitee.count({ where: { campaignId: c.id } });
    await audit(db.prisma, { actorId: actor.memberId, action: "symposium.start", outcome: "ok", entity: "SymposiumCampaign", entityId: c.id });
  }
  campaignsChanged(db.prisma);
  const r = await kick(ctx);
  const when = r.quiet ? "免打扰时段结束后" : "现在";
  await ctx.reply(
    `已开始${T.title(labelOf(c!))}：${when}在群里和私信询问${invited}位后备力量${c!.season}哪天在家。没回复的只私下提醒一次。发送 /座谈会 日期 查看建议日期。`,
  );
}

export async function days(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
  const c = await current(ctx, townshipName);
  if (c.state === "draft") throw new AppError("bad_arguments", "还没开始询问回乡时间。请先发送 /座谈会 开始");
  const prisma = ctx.services.db.prisma;
  const n = (await countsOf(prisma, [c.id])).get(c.id)!;
  const proposed = await proposalFor(prisma, c, beijingDay(ctx.message.sentAt));
  await ctx.reply(T.proposedDaysText(labelOf(c), proposed, { invited: n.invited, answered: n.answered, coming: n.coming }));
}

export async function summary(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
  const prisma = ctx.services.db.prisma;
  const { actor } = ctx.filed;
  const area = townshipName ? await resolveTownship(prisma, actor, townshipName, null) : actor.area!;
  const latest = await prisma.symposiumCampaign.findFirst({ where: { township: { path: { startsWith: area.path } }, state: { not: "cancelled" } }, orderBy: [{ year: "desc" }, { id: "desc" }] });
  if (!latest) throw notFound(`${area.name}还没有座谈会。`);
  const campaigns = await prisma.symposiumCampaign.findMany({
    where: { township: { path: { startsWith: area.path } }, season: latest.season, year: latest.year, state: { not: "cancelled" } },
    include: { township: { select: { name: true } } },
    orderBy: { townshipId: "asc" },
  });
  const counts = await countsOf(prisma, campaigns.map((c) => c.id));
  const line = (name: string, n: { invited: number; answered: number; coming: number; attended: number; ideas: number; ideasClosed: number }) =>
    `${name}：邀请${n.invited}，答复${n.answered}，回家${n.coming}，到会${n.attended}，建议${n.ideas}（已办结${n.ideasClosed}）`;
  const total = { invited: 0, answered: 0, coming: 0, attended: 0, ideas: 0, ideasClosed: 0 };
  const lines = campaigns.map((c) => {
    const n = counts.get(c.id)!;
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += n[k];
    return line(`${c.township.name}（${T.STATE_LABEL[c.state]}）`, n);
  });
  if (campaigns.length > 1) lines.push(line(`合计${campaigns.length}个乡镇`, total));
  await ctx.reply(`${latest.year}年${latest.season}座谈会汇总：\n${lines.join("\n")}`);
}

export async function cancel(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
  const c = await current(ctx, townshipName);
  if (c.state === "held") throw new AppError("bad_arguments", "这次座谈会已经开过了，不能取消。");
  const prisma = ctx.services.db.prisma;
  const done = await prisma.symposiumCampaign.updateMany({ where: { id: c.id, state: c.state }, data: { state: "cancelled" } });
  if (!done.count) throw new AppError("bad_arguments", "座谈会的状态刚刚变了，请发送 /座谈会 状态 看看。");
  await audit(prisma, { actorId: ctx.filed.actor.memberId, action: "symposium.cancel", outcome: "ok", entity: "SymposiumCampaign", entityId: c.id });
  const r = c.invitedAt ? await kick(ctx) : null;
  const notice = !c.invitedAt ? "" : `；${r?.quiet ? "免打扰时段结束后" : "现在"}在群里说明，并私信告诉收到邀请的人`;
  await ctx.reply(`已取消${T.title(labelOf(c))}。不会再发询问和提醒${notice}。`);
}
