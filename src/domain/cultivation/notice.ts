// Public notice (公示): its period, its outcome, and the text posted. The stage
// rule reads the outcome; a notice cannot be ended before its period is over.
import { addWorkingDays, workingDayStatus } from "../holidays/working-days.ts";
import type { HolidayData } from "../holidays/holiday-data.ts";
import { addDays, type IsoDate } from "../symposium/calendar-day.ts";
import { formatDate, TIME_ZONE } from "../time.ts";
import { zonedToUtc } from "../zoned-time.ts";

export const NOTICE_PURPOSE = { entry: "拟纳入后备力量", use: "拟使用" } as const;
export type NoticePurpose = keyof typeof NOTICE_PURPOSE;

export const NOTICE_OUTCOME = {
  running: "尚在公示期内",
  objection_pending: "有异议尚未处理完",
  objection_upheld: "异议经核实成立",
  passed: "期满无异议",
} as const;
export type NoticeOutcome = keyof typeof NOTICE_OUTCOME;

export const DEFAULT_NOTICE_DAYS = 5;

/**
 * The last day of a notice posted on `posted` (Beijing date) running `days` days, not
 * counting the day it is posted: working days where the holiday file covers the
 * period, else calendar days (and `workingDays` false says so).
 */
export function noticePeriod(posted: IsoDate, days: number, holidays: HolidayData): { lastDay: IsoDate; workingDays: boolean } {
  const covered = workingDayStatus(posted, holidays) !== "unknown";
  const working = covered ? addWorkingDays(posted, days, holidays) : null;
  return working ? { lastDay: working, workingDays: true } : { lastDay: addDays(posted, days), workingDays: false };
}

/** The instant a notice whose last day is `lastDay` is over: the next midnight, Beijing time. */
export function noticeEndsAt(lastDay: IsoDate): Date {
  const [y, m, d] = addDays(lastDay, 1).split("-").map(Number) as [number, number, number];
  return new Date(zonedToUtc(y, m, d, 0, 0, TIME_ZONE));
}

export interface ObjectionState {
  resolvedAt: Date | null;
  upheld: boolean | null;
}

/** Where a notice stands at `now`. */
export function noticeOutcome(n: { endsAt: Date; objections: readonly ObjectionState[] }, now: Date): NoticeOutcome {
  if (n.objections.some((o) => o.resolvedAt && o.upheld)) return "objection_upheld";
  if (now.getTime() < n.endsAt.getTime()) return "running";
  if (n.objections.some((o) => !o.resolvedAt)) return "objection_pending";
  return "passed";
}

/** Refuse ending a notice early. */
export function endRefusal(n: { endsAt: Date }, now: Date): string | null {
  if (now.getTime() < n.endsAt.getTime()) {
    return `公示期到${formatDate(new Date(n.endsAt.getTime() - 1))}止，期满前不能结束公示。`;
  }
  return null;
}

/** The text of the notice as posted on the village board. */
export function noticeText(n: {
  purpose: NoticePurpose;
  township: string;
  village: string;
  people: readonly { name: string; gender: string | null; birthYear: number | null; education: string | null; post?: string | null }[];
  posted: IsoDate;
  lastDay: IsoDate;
  workingDays: boolean;
  days: number;
  contact: string | null;
}): string {
  const title = n.purpose === "entry" ? `${n.village}村级后备力量人选公示` : `${n.village}后备力量拟使用人选公示`;
  const lead =
    n.purpose === "entry"
      ? `经个人自荐、群众举荐、组织推荐，民主测评和乡镇考察，拟将以下同志纳入${n.village}村级后备力量，现予公示：`
      : `经研究，拟使用以下村级后备力量，现予公示：`;
  const lines = n.people.map((p, i) => {
    const parts = [p.name, p.gender, p.birthYear ? `${p.birthYear}年生` : null, p.education, p.post ? `拟任${p.post}` : null].filter(Boolean);
    return `${i + 1}. ${parts.join("，")}`;
  });
  const period = `公示期为${n.posted.replace(/-/g, ".")}至${n.lastDay.replace(/-/g, ".")}（${n.days}个${n.workingDays ? "工作日" : "自然日"}，自公示次日起算）。`;
  const how = `公示期间，如对公示对象有不同意见，可通过来信、来电、来访等方式向${n.township}党委反映${n.contact ? `（联系电话：${n.contact}）` : ""}。反映问题应实事求是，以真实姓名反映的优先核实。`;
  return [title, "", lead, ...lines, "", period, how, "", `中共${n.township}委员会`, n.posted.replace(/-/g, ".")].join("\n");
}
