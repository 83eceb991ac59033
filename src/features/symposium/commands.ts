// /座谈会 for organisers (start, status, proposed days, fix the day, sign-in, minutes,
// ideas, summary, cancel) and /回乡 /报名 /请假 /签到 for everyone.
import { AppError, notFound, usage } from "../../core/errors.ts";
import { keyValues, normalise, tokens, withoutMentions } from "../../domain/command-parser.ts";
import { parseHomecoming } from "../../domain/homecoming.ts";
import { isoOf, dayIndex, monthDayLabel, type IsoDate } from "../../domain/symposium/calendar-day.ts";
import { nextSeason } from "../../domain/symposium/seasons.ts";
import { validDate, zonedToUtc } from "../../domain/zoned-time.ts";
import { TIME_ZONE, dayAndClock } from "../../domain/time.ts";
import { clip } from "../../domain/text.ts";
import { audit } from "../audit.ts";
import type { FiledContext } from "../context.ts";
import { createFeedback } from "../feedback/service.ts";
import type { Command } from "../router.ts";
import {
  beijingDay,
  confirmCampaign,
  countsOf,
  createCampaign,
  labelOf,
  latestCampaign,
  openInvitation,
  parserSeason,
  poolSize,
  proposalFor,
  recordHomecoming,
  recordRsvp,
  resolveTownship,
  type Campaign,
} from "./service.ts";
import { kick } from "./kick.ts";
import { campaignsChanged } from "./recognise.ts";
import * as T from "./texts.ts";

export const SYMPOSIUM_USAGE =
  "/座谈会 [状态|开始|日期|定|签到|纪要|建议|汇总|取消] [乡镇=…]，例如：/座谈会 开始、/座谈会 日期、/座谈会 定 2027-02-09 14:00 地点=镇党委会议室 议题=家乡发展、/座谈会 签到 张三 李四、/座谈会 纪要 …、/座谈会 建议 @李娟 …";
const SCHEDULE_USAGE = "/座谈会 定 2027-02-09 14:00 地点=镇党委会议室 议题=家乡发展";

type Sub = (ctx: FiledContext, rest: string, townshipName: string | undefined) => Promise<void>;

const SUBS: [string[], Sub][] = [
  [["状态", "进展", "status"], status],
  [["开始", "确认", "start", "confirm"], start],
  [["日期", "选日", "建议日期", "days", "propose"], days],
  [["定", "定日期", "安排", "schedule", "set"], schedule],
  [["签到", "到会", "signin", "attend"], markAttendance],
  [["纪要", "记录", "minutes"], minutes],
  [["建议", "意见", "idea"], idea],
  [["汇总", "总结", "summary"], summary],
  [["取消", "cancel"], cancel],
];

export const symposiumCommand: Command = {
  names: ["座谈会", "symposium"],
  summary: "回乡座谈会：确认开始、看回乡情况和建议日期、定日期、签到、纪要、建议、汇总",
  usage: SYMPOSIUM_USAGE,
  minRole: "township_organiser",
  async run(ctx, rest) {
    // 乡镇= may stand anywhere; the rest of the text is the subcommand's (minutes keep their own colons).
    const m = /(?:^|[\s\u3000])乡镇[=＝:：](\S+)/.exec(rest);
    const township = m?.[1];
    const body = m ? (rest.slice(0, m.index) + " " + rest.slice(m.index + m[0].length)).trim() : rest.trim();
    const word = tokens(body)[0] ?? "状态";
    const sub = SUBS.find(([names]) => names.some((n) => normalise(n) === normalise(word)));
    if (!sub) throw usage(`不认识“${clip(word, 10)}”这一步。`, SYMPOSIUM_USAGE);
    await sub[1](ctx, body.slice(tokens(body)[0] ? body.indexOf(word) + word.length : 0).trim(), township);
  },
};

/** The township's current campaign, or a clear answer when it has none. */
async function current(ctx: FiledContext, townshipName: string | undefined): Promise<Campaign> {
  const prisma = ctx.services.db.prisma;
  const township = await resolveTownship(prisma, ctx.filed.actor, townshipName, ctx.filed.group?.area ?? null);
  const c = await latestCampaign(prisma, township.id);
  if (!c) throw notFound(`${township.name}还没有座谈会。发送 /座谈会 开始 乡镇=${township.name} 开始本季的回乡座谈。`);
  return c;
}

async function status(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
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

async function start(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
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

async function days(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
  const c = await current(ctx, townshipName);
  if (c.state === "draft") throw new AppError("bad_arguments", "还没开始询问回乡时间。请先发送 /座谈会 开始");
  const prisma = ctx.services.db.prisma;
  const n = (await countsOf(prisma, [c.id])).get(c.id)!;
  const proposed = await proposalFor(prisma, c, beijingDay(ctx.message.sentAt));
  await ctx.reply(T.proposedDaysText(labelOf(c), proposed, { invited: n.invited, answered: n.answered, coming: n.coming }));
}

/** "2027-02-09", "2027年2月9日", "2月9日", "2.9" → a day in (or nearest to) the campaign's window. */
export function meetingDate(token: string, window: { start: IsoDate; end: IsoDate }): IsoDate | null {
  const s = token.normalize("NFKC");
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(s);
  if (m) return validDate(+m[1]!, +m[2]!, +m[3]!) ? isoOf(+m[1]!, +m[2]!, +m[3]!) : null;
  m = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(s);
  if (!m) return null;
  const years = [...new Set([+window.start.slice(0, 4), +window.end.slice(0, 4)])];
  const options = years.filter((y) => validDate(y, +m![1]!, +m![2]!)).map((y) => isoOf(y, +m![1]!, +m![2]!));
  return options.find((d) => d >= window.start && d <= window.end) ?? options[0] ?? null;
}

/** "14:00", "14：30", "9点", "下午2点半" → minutes after midnight. */
export function meetingTime(token: string): number | null {
  const s = token.normalize("NFKC");
  let m = /^(\d{1,2})[:：](\d{2})$/.exec(s);
  if (m) return +m[1]! <= 23 && +m[2]! <= 59 ? +m[1]! * 60 + +m[2]! : null;
  m = /^(上午|早上|中午|下午|晚上)?(\d{1,2})点(半|\d{1,2}分?)?$/.exec(s);
  if (!m) return null;
  let h = +m[2]!;
  if ((m[1] === "下午" || m[1] === "晚上") && h < 12) h += 12;
  const mi = m[3] === "半" ? 30 : m[3] ? parseInt(m[3], 10) : 0;
  return h <= 23 && mi <= 59 ? h * 60 + mi : null;
}

async function schedule(ctx: FiledContext, rest: string, townshipName: string | undefined): Promise<void> {
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

async function markAttendance(ctx: FiledContext, rest: string, townshipName: string | undefined): Promise<void> {
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

async function minutes(ctx: FiledContext, rest: string, townshipName: string | undefined): Promise<void> {
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

async function idea(ctx: FiledContext, rest: string, townshipName: string | undefined): Promise<void> {
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

async function summary(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
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

async function cancel(ctx: FiledContext, _rest: string, townshipName: string | undefined): Promise<void> {
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

// ——— for everyone ———

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
