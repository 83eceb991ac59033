// /座谈会 定: the organiser fixes (or changes) the meeting's day, time, place and agenda;
// the invitations then go out from the steps.
import { AppError, usage } from "../../core/errors.ts";
import { keyValues, tokens } from "../../domain/command-parser.ts";
import { dayIndex, monthDayLabel } from "../../domain/symposium/calendar-day.ts";
import { zonedToUtc } from "../../domain/zoned-time.ts";
import { TIME_ZONE, dayAndClock } from "../../domain/time.ts";
import { clip } from "../../domain/text.ts";
import { audit } from "../audit.ts";
import type { FiledContext } from "../context.ts";
import { beijingDay } from "./service.ts";
import { kick } from "./kick.ts";
import { meetingDate, meetingTime } from "./meeting-time.ts";
import { current } from "./organiser-campaign.ts";
import { campaignsChanged } from "./recognise.ts";
import * as T from "./texts.ts";

const SCHEDULE_USAGE = "/座谈会 定 2027-02-09 14:00 地点=镇党委会议室 议题=家乡发展";

export async function schedule(ctx: FiledContext, rest: string, townshipName: string | undefined): Promise<void> {
  const c = await current(ctx, townshipName);
  if (c.state === "draft") throw new AppError("bad_arguments", "还没开始询问回乡时间。请先发送 /座谈会 开始");
  if (c.state === "held") throw new AppError("bad_arguments", "这次座谈会已经开过了，不能再改日期。");
  // 议题 takes the rest of the line, spaces and all.
  const a = /(?:^|\s)议题[=＝:：]/.exec(rest);
  const agenda = a ? rest.slice(a.index + a[0].length).trim() || null : null;
  // "14:00" looks like key:value to keyValues, so the time is picked out first.
  const head = tokens(a ? rest.slice(0, a.index) : rest);
  const timeToken = head.find((t) => /^\d{1,2}[:：]\d{1,2}$/.test(t.normalize("NFKC")) || /点/.test(t));
  const { positional, fields } = keyValues(head.filter((t) => t !== timeToken).join(" "));
  const place = fields["地点"] ?? fields["place"];
  const [dateToken] = positional;
  if (!dateToken) throw usage("请写上日期、时间和地点。", SCHEDULE_USAGE);
  const date = meetingDate(dateToken, { start: c.windowStart, end: c.windowEnd });
  if (!date) throw usage(`“${clip(dateToken, 20)}”不是一个日期。`, SCHEDULE_USAGE);
  if (date < c.windowStart || date > c.windowEnd) {
    throw usage(`${monthDayLabel(date)}不在${c.season}期间（${monthDayLabel(c.windowStart)}至${monthDayLabel(c.windowEnd)}），大家多半不在家。请选这段时间里的一天。`, SCHEDULE_USAGE);
  }
  if (dayIndex(date) < dayIndex(beijingDay(ctx.message.sentAt))) throw usage(`${monthDayLabel(date)}已经过去了，请选今天以后的日子。`, SCHEDULE_USAGE);
  const minutesOfDay = timeToken ? meetingTime(timeToken) : null;
  if (minutesOfDay === null) throw usage(timeToken ? `“${clip(timeToken, 10)}”不是一个时间，请写成 14:00 这样。` : "请写上开始时间，例如 14:00。", SCHEDULE_USAGE);
  if (!place) throw usage("请写上地点，例如 地点=镇党委会议室。", SCHEDULE_USAGE);
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const startsAt = new Date(zonedToUtc(y, mo, d, Math.floor(minutesOfDay / 60), minutesOfDay % 60, TIME_ZONE));
  if (startsAt <= ctx.message.sentAt) throw usage("这个时间已经过去了，请选以后的时间。", SCHEDULE_USAGE);
  const changed = c.state === "invited";
  const { db } = ctx.services;
  await db.transaction(async ({ prisma }) => {
    await prisma.symposiumCampaign.update({
      where: { id: c.id },
      data: { state: "invited", date, startsAt, place: clip(place, 100), agenda: agenda ? clip(agenda, 300) : null, revision: { increment: 1 }, invitedAt: null },
    });
    // A new day is a new invitation: earlier answers to it and reminders about it no longer hold.
    if (changed) {
      await prisma.symposiumInvitee.updateMany({
        where: { campaignId: c.id },
        data: { invitedAt: null, rsvp: null, rsvpReason: null, rsvpAt: null, rsvpNudgedAt: null, eveRemindedAt: null, soonRemindedAt: null },
      });
    }
    await audit(prisma, { actorId: ctx.filed.actor.memberId, action: "symposium.schedule", outcome: "ok", entity: "SymposiumCampaign", entityId: c.id, detail: { date, startsAt: startsAt.toISOString(), place, agenda } });
  });
  campaignsChanged(db.prisma);
  const r = await kick(ctx);
  await ctx.reply(
    `已${changed ? "改" : "定"}：${T.dayLabel(date, c.seasonKind)}${dayAndClock(startsAt).clock}，地点：${place}${agenda ? `，议题：${agenda}` : ""}。` +
      `${r.quiet ? "免打扰时段结束后" : "现在"}发出邀请（群里一条通知，并私信每位受邀的后备力量；说了今年不回的不打扰）。`,
  );
}
