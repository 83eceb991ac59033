// What the reserve answer with: /回乡 (when they are home), /报名 and /请假 (the
// invitation), /签到 (on the day).
import { AppError, notFound, usage } from "../../core/errors.ts";
import { parseHomecoming } from "../../domain/homecoming.ts";
import { monthDayLabel } from "../../domain/symposium/calendar-day.ts";
import { dayAndClock } from "../../domain/time.ts";
import { clip } from "../../domain/text.ts";
import { audit } from "../audit.ts";
import type { FiledContext } from "../context.ts";
import type { Command } from "../router.ts";
import { beijingDay, openInvitation, parserSeason, recordHomecoming, recordRsvp } from "./service.ts";
import * as T from "./texts.ts";

async function invitationOf(ctx: FiledContext) {
  const candidateId = ctx.filed.member.candidateId;
  if (!candidateId) throw new AppError("bad_arguments", "您的微信还没有关联档案，请先发送 /绑定 绑定码。");
  const prisma = ctx.services.db.prisma;
  const inv = await openInvitation(prisma, candidateId, ctx.message.sentAt);
  if (inv) return inv;
  const past = await prisma.symposiumInvitee.findFirst({ where: { candidateId, campaign: { state: { in: ["invited", "held"] } } }, orderBy: { campaignId: "desc" }, select: { id: true } });
  throw notFound(past ? "这次座谈会已经开始或结束了，不能再报名、请假或更改回乡时间。" : "现在没有邀请您参加的座谈会。");
}

const mention = (ctx: FiledContext) => (ctx.message.conversation.isGroup ? [ctx.message.sender] : []);

export const homeCommand: Command = {
  names: ["回乡", "回家", "home"],
  summary: "告诉我您哪天回家、哪天走（可随时更正）",
  usage: "/回乡 腊月廿六到初六，或 /回乡 1.29回 2.13走，或 /回乡 今年不回",
  minRole: "guest",
  async run(ctx, rest) {
    const inv = await invitationOf(ctx);
    if (!rest.trim()) throw usage("请写上哪天回家、哪天走。", this.usage);
    const c = inv.campaign;
    const answer = parseHomecoming(rest, { season: parserSeason(c.seasonKind), year: c.year, today: beijingDay(ctx.message.sentAt), window: { start: c.windowStart, end: c.windowEnd } });
    if (answer.status === "unclear") {
      throw usage(`没看懂“${clip(rest, 20)}”说的是哪几天（${c.season}期间是${monthDayLabel(c.windowStart)}至${monthDayLabel(c.windowEnd)}）。`, this.usage);
    }
    const corrected = await recordHomecoming(ctx.services.db.prisma, inv, answer, rest, ctx.message.sentAt, ctx.filed.member.id);
    await ctx.reply({ text: T.answerRecorded(answer, c.seasonKind, corrected), mentions: mention(ctx) });
  },
};

/** An RSVP is possible from the invitation until the meeting starts. */
function rsvpOpen(inv: Awaited<ReturnType<typeof invitationOf>>, at: Date): void {
  const c = inv.campaign;
  if (c.state !== "invited" || !c.startsAt) throw new AppError("bad_arguments", "座谈会还没定日期，定了会通知您。");
  if (at >= c.startsAt) throw new AppError("bad_arguments", "这次座谈会已经开始或结束了，不能再报名或请假。");
}

export const joinCommand: Command = {
  names: ["报名", "参加", "rsvp", "join"],
  summary: "报名参加座谈会（可随时改）",
  usage: "/报名 [备注]",
  minRole: "guest",
  async run(ctx, rest) {
    const inv = await invitationOf(ctx);
    rsvpOpen(inv, ctx.message.sentAt);
    await recordRsvp(ctx.services.db.prisma, inv, "yes", rest.trim() || undefined, ctx.message.sentAt, ctx.filed.member.id);
    const c = inv.campaign;
    await ctx.reply({ text: `报名成功！${T.dayLabel(c.date!, c.seasonKind)}${dayAndClock(c.startsAt!).clock}，地点：${c.place}。前一天和开会前会提醒您。`, mentions: mention(ctx) });
  },
};

export const declineCommand: Command = {
  names: ["请假", "decline"],
  summary: "座谈会请假（写上原因）",
  usage: "/请假 原因，例如：/请假 单位值班",
  minRole: "guest",
  async run(ctx, rest) {
    const inv = await invitationOf(ctx);
    rsvpOpen(inv, ctx.message.sentAt);
    await recordRsvp(ctx.services.db.prisma, inv, "no", rest.trim() ? clip(rest.trim(), 100) : undefined, ctx.message.sentAt, ctx.filed.member.id);
    await ctx.reply({ text: "已为您请假，谢谢告知。有想法也欢迎随时在群里说。", mentions: mention(ctx) });
  },
};

export const signInCommand: Command = {
  names: ["签到", "signin", "sign"],
  summary: "座谈会当天签到",
  usage: "/签到",
  minRole: "guest",
  async run(ctx) {
    const candidateId = ctx.filed.member.candidateId;
    if (!candidateId) throw new AppError("bad_arguments", "您的微信还没有关联档案，请先发送 /绑定 绑定码。");
    const prisma = ctx.services.db.prisma;
    const inv = await prisma.symposiumInvitee.findFirst({
      where: { candidateId, campaign: { state: { in: ["invited", "held"] } } },
      orderBy: { campaignId: "desc" },
      include: { campaign: true },
    });
    if (!inv) throw notFound("现在没有邀请您参加的座谈会。");
    const c = inv.campaign;
    const at = ctx.message.sentAt;
    if (beijingDay(at) !== c.date) throw new AppError("bad_arguments", `今天没有座谈会：座谈会定在${T.dayLabel(c.date!, c.seasonKind)}，当天再签到。`);
    if (inv.signedInAt) {
      await ctx.reply({ text: "您已经签到过了，欢迎！", mentions: mention(ctx) });
      return;
    }
    await prisma.symposiumInvitee.update({ where: { id: inv.id }, data: { signedInAt: at, signedInBy: "self" } });
    await audit(prisma, { actorId: ctx.filed.member.id, action: "symposium.signin", outcome: "ok", entity: "SymposiumInvitee", entityId: inv.id });
    const late = at.getTime() > c.startsAt!.getTime() + ctx.services.config.symposium.lateMs;
    await ctx.reply({ text: late ? "签到成功，欢迎！会议已经开始了，请直接入座。" : "签到成功，欢迎参加座谈会！", mentions: mention(ctx) });
  },
};
