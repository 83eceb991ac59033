// What the symposium campaign says, in one place: organisers, groups and reserves
// read the same words. Nothing here names who has not answered in a group.
import type { HomecomingAnswer } from "../../domain/homecoming.ts";
import { monthDayLabel, weekday, type IsoDate } from "../../domain/symposium/calendar-day.ts";
import { lunarLabel } from "../../domain/symposium/lunar-days.ts";
import type { ProposedDay } from "../../domain/symposium/propose-days.ts";
import { WEEKDAY_NAMES } from "../../domain/time.ts";
import { excerpt } from "../../domain/text.ts";

export interface CampaignLabel {
  township: string;
  season: string;
  seasonKind: string;
  year: number;
}

/** "2月9日（周二，正月初三）": at Spring Festival people count in lunar days too. */
export function dayLabel(date: IsoDate, seasonKind: string): string {
  const parts = [`周${WEEKDAY_NAMES[weekday(date)]}`];
  if (seasonKind === "spring_festival") parts.push(lunarLabel(date));
  return `${monthDayLabel(date)}（${parts.join("，")}）`;
}

export const title = (c: CampaignLabel) => `${c.township}${c.year}年${c.season}共商共谈座谈会`;

export const HOME_EXAMPLE: Record<string, string> = {
  spring_festival: "“腊月二十六回，初六走”或“1.29回 2.13走”",
  summer: "“7月15号回，8月20号走”或“放假就回，待到月底”",
};
const example = (kind: string) => HOME_EXAMPLE[kind] ?? HOME_EXAMPLE.summer!;

export function draftNotice(c: CampaignLabel, window: { start: IsoDate; end: IsoDate }, invitees: number): string {
  return (
    `【座谈会草稿】${title(c)}已备好草稿：将询问本乡镇${invitees}位后备力量${c.season}（${monthDayLabel(window.start)}至${monthDayLabel(window.end)}）是否回家、哪天在家。\n` +
    `确认之前不会发给任何人。确认请发送：/座谈会 开始 乡镇=${c.township}`
  );
}

export function askInGroup(c: CampaignLabel): string {
  return (
    `【回乡座谈】${c.season}快到了！${c.township}准备在大家回家期间开一次共商共谈座谈会，听听大家对家乡发展的想法。` +
    `请在群里或私聊告诉我：您什么时候回家、什么时候走？例如${example(c.seasonKind)}；今年不回来也说一声就好。`
  );
}

export function askPrivately(c: CampaignLabel, name: string): string {
  return (
    `${name}您好！${c.township}准备在${c.season}期间开一次共商共谈座谈会，想请回乡的伙伴一起聊聊家乡发展。` +
    `请直接回复您什么时候回家、什么时候走，例如${example(c.seasonKind)}；今年不回也请告诉我一声。`
  );
}

export function homeReminder(c: CampaignLabel, name: string): string {
  return `${name}您好，打扰一下：${c.season}您回家吗？大概哪天到家、哪天走？直接回复就行，例如${example(c.seasonKind)}。不回也请说一声，谢谢！`;
}

export function homeFollowUp(c: CampaignLabel, name: string, said: string): string {
  return `${name}您好，之前您说“${excerpt(said, 20)}”。${c.season}回家的时间现在定了吗？告诉我大概哪天到家、哪天走就行；还没定也没关系。`;
}

/** How an answer reads back to the person who gave it. */
export function answerLabel(a: HomecomingAnswer, seasonKind: string): string {
  if (a.status === "not_coming") return "今年不回家";
  if (a.status === "unclear") return "还没定";
  const from = a.from ? `${dayLabel(a.from, seasonKind)}到家` : "回家（到家日期未说）";
  const to = a.to ? `，${dayLabel(a.to, seasonKind)}走` : "";
  return from + to;
}

export function answerRecorded(a: HomecomingAnswer, seasonKind: string, corrected: boolean): string {
  if (a.status === "not_coming") return `${corrected ? "已更新" : "收到"}：您今年不回家。辛苦了，有空常在群里聊聊家乡的事！`;
  if (a.status === "unclear") return "收到，您还没定下来。定了随时告诉我，例如“腊月二十六回，初六走”；也可以发送 /回乡 日期。";
  return `${corrected ? "已更新" : "收到，已记下"}：您${answerLabel(a, seasonKind)}。有变化随时告诉我，或发送 /回乡 新的日期。`;
}

export interface Meeting {
  date: IsoDate;
  time: string;
  place: string;
  agenda: string | null;
}

function meetingLine(c: CampaignLabel, m: Meeting): string {
  return `${title(c)}定于${dayLabel(m.date, c.seasonKind)}${m.time}在${m.place}召开${m.agenda ? `，议题：${m.agenda}` : ""}。`;
}

export function invitationInGroup(c: CampaignLabel, m: Meeting, changed: boolean): string {
  return `【座谈会${changed ? "改期" : ""}通知】${meetingLine(c, m)}欢迎回乡的伙伴参加！能来请回复“参加”，来不了回复“来不了”或发送 /请假 原因。`;
}

export function invitationPrivately(c: CampaignLabel, m: Meeting, name: string, changed: boolean): string {
  return `${name}您好！${changed ? "座谈会改期了：" : ""}${meetingLine(c, m)}诚挚邀请您参加。能来请回复“参加”（或 /报名），来不了回复“来不了”（或 /请假 原因）。`;
}

export function rsvpReminder(c: CampaignLabel, m: Meeting, name: string): string {
  return `${name}您好，${dayLabel(m.date, c.seasonKind)}${m.time}的座谈会您能来吗？回复“参加”或“来不了”就行。`;
}

export function eveReminder(c: CampaignLabel, m: Meeting, name: string): string {
  return `${name}您好，提醒一下：明天${m.time}在${m.place}开${c.township}座谈会，期待您来！到场后发送 /签到。`;
}

export function soonReminder(m: Meeting, name: string): string {
  return `${name}您好，座谈会${m.time}开始，地点：${m.place}。到场后发送 /签到。`;
}

export function proposedDaysText(c: CampaignLabel, days: ProposedDay[], counts: { invited: number; answered: number; coming: number }): string {
  const head = `${title(c)}：邀请${counts.invited}人，${counts.answered}人已答复，其中${counts.coming}人回家。`;
  if (!days.length) return `${head}\n还没有可建议的日期（还没有人说哪天在家）。`;
  const lines = days.map((d, i) => {
    const tags = [d.restDay ? "休息日" : null, d.beforeEve ? "临近除夕" : null].filter(Boolean);
    return `${i + 1}. ${dayLabel(d.date, c.seasonKind)}${tags.length ? `［${tags.join("、")}］` : ""}：${d.count}人在家——${d.names.join("、")}`;
  });
  return `${head}\n建议日期：\n${lines.join("\n")}\n选定后发送：/座谈会 定 ${days[0]!.date} 14:00 地点=镇党委会议室 议题=家乡发展`;
}

export const STATE_LABEL: Record<string, string> = {
  draft: "草稿，待确认",
  asking: "正在询问回乡时间",
  invited: "已发出邀请",
  held: "已召开",
  cancelled: "已取消",
};

export const RSVP_LABEL: Record<string, string> = { yes: "参加", no: "请假", maybe: "待定" };

export interface SummaryCounts {
  invited: number;
  answered: number;
  coming: number;
  attended: number;
  ideas: number;
  closed: number;
}

export function seasonSummary(c: CampaignLabel, state: string, n: SummaryCounts): string {
  return (
    `【座谈会小结】${title(c)}（${state}）：邀请${n.invited}人，答复${n.answered}人，回家${n.coming}人，到会${n.attended}人；` +
    `会上建议${n.ideas}条，已办结${n.closed}条。发送 /座谈会 汇总 查看全县情况。`
  );
}

export function cancelledInGroup(c: CampaignLabel, m: Meeting): string {
  return `【座谈会取消】原定${dayLabel(m.date, c.seasonKind)}${m.time}在${m.place}召开的${title(c)}取消了，给大家添麻烦了。`;
}

export function cancelledPrivately(c: CampaignLabel, m: Meeting, name: string): string {
  return `${name}您好，原定${dayLabel(m.date, c.seasonKind)}${m.time}的${c.township}座谈会取消了，不用再过来了。给您添麻烦了！`;
}
