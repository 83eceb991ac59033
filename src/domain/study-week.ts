// Study weeks (Monday to Sunday, wall clock) and the texts built from a week's
// check-ins: a warm summary for the group, a private list for cadres, and nudges.
// The group text never shows counts, so nobody is singled out for studying little.
import { TIME_ZONE } from "./time.ts";
import { civil, DAY_MS, dayNumber, wallClock, zonedToUtc } from "./zoned-time.ts";

export interface StudyWeek {
  /** Monday 00:00 in the zone. */
  start: Date;
  /** The next Monday 00:00. */
  end: Date;
  /** ISO week, "2026-W48". */
  key: string;
  /** "11月23日—11月29日"; with years when the week spans two: "2026年12月28日—2027年1月3日". */
  label: string;
}

export interface StudyPerson {
  memberId: number;
  name: string;
  checkins: number;
  lastCheckinAt: Date | null;
}

/** A tier lists at most this many names, then "等". */
export const MAX_NAMES_PER_TIER = 30;
/** The cadre digest names at most this many people, then "等". */
export const MAX_DIGEST_NAMES = 50;

/** `weekOf(new Date("2026-11-27T12:00:00+08:00"))` → Mon 2026-11-23 00:00 to Mon 11-30 00:00, "2026-W48", "11月23日—11月29日". */
export function weekOf(now: Date, timeZone: string = TIME_ZONE): StudyWeek {
  return weekStarting(mondayOf(now, timeZone), timeZone);
}

/** Day number of the Monday on or before `now`'s wall-clock date. */
function mondayOf(now: Date, timeZone: string): number {
  const w = wallClock(now.getTime(), timeZone);
  const day = dayNumber(w.y, w.m, w.d);
  return day - ((civil(day).wd + 6) % 7);
}

function weekStarting(monday: number, timeZone: string): StudyWeek {
  const mon = civil(monday);
  const sun = civil(monday + 6);
  const next = civil(monday + 7);
  // The ISO week belongs to the year of its Thursday.
  const thu = civil(monday + 3);
  const week = Math.floor((monday + 3 - dayNumber(thu.y, 1, 1)) / 7) + 1;
  const label =
    mon.y === sun.y ? `${mon.m}月${mon.d}日—${sun.m}月${sun.d}日` : `${mon.y}年${mon.m}月${mon.d}日—${sun.y}年${sun.m}月${sun.d}日`;
  return {
    start: new Date(zonedMidnight(mon.y, mon.m, mon.d, timeZone)),
    end: new Date(zonedMidnight(next.y, next.m, next.d, timeZone)),
    key: `${thu.y}-W${String(week).padStart(2, "0")}`,
    label,
  };
}

const TIERS: { title: string; min: number }[] = [
  { title: "坚持天天学", min: 5 },
  { title: "学习多次", min: 2 },
  { title: "学习过", min: 1 },
];

/**
 * The weekly summary for the group: who studied, in tiers named by words, no counts.
 * `groupSummaryText("青山村", "11月23日—11月29日", people)` →
 * "【学习周报】青山村 11月23日—11月29日\n坚持天天学：李四、张三\n学习过：王五\n感谢大家的坚持！…"
 */
export function groupSummaryText(groupName: string, weekLabel: string, people: StudyPerson[]): string {
  const title = `【学习周报】${groupName} ${weekLabel}`;
  const lines: string[] = [];
  for (const [i, tier] of TIERS.entries()) {
    const below = TIERS[i - 1]?.min ?? Infinity;
    const names = people.filter((p) => p.checkins >= tier.min && p.checkins < below).map((p) => p.name);
    if (names.length > 0) lines.push(`${tier.title}：${nameList(names, MAX_NAMES_PER_TIER)}`);
  }
  if (lines.length === 0)
    return `${title}\n这一周大家都忙，还没看到学习打卡。有空的时候学一会儿，学完发 /打卡 记一下，我们一起加油！`;
  return [title, ...lines, "感谢大家的坚持！还没来得及学的同志，有空的时候学一会儿，学完发 /打卡 记一下，我们一起进步！"].join("\n");
}

/**
 * The weekly summary as the group sees it by default (a light touch: how many studied,
 * not who): counts per tier, no name. Names stay in the cadres' private lists; a county
 * may turn them back on (STUDY_SUMMARY_NAMES=true, then `groupSummaryText`).
 * → "【学习周报】青山村 11月23日—11月29日\n本周有3位同志学习打卡（坚持天天学1位、学习过2位）。\n感谢大家的坚持！…"
 */
export function groupCountText(groupName: string, weekLabel: string, people: StudyPerson[]): string {
  const studied = people.filter((p) => p.checkins > 0);
  if (!studied.length) return groupSummaryText(groupName, weekLabel, []);
  const tiers = TIERS.map((tier, i) => {
    const below = TIERS[i - 1]?.min ?? Infinity;
    return { title: tier.title, n: studied.filter((p) => p.checkins >= tier.min && p.checkins < below).length };
  }).filter((t) => t.n > 0);
  return [
    `【学习周报】${groupName} ${weekLabel}`,
    `本周有${studied.length}位同志学习打卡（${tiers.map((t) => `${t.title}${t.n}位`).join("、")}）。`,
    "感谢大家的坚持！还没来得及学的同志，有空的时候学一会儿，学完发 /打卡 记一下，我们一起进步！",
  ].join("\n");
}

/**
 * Who has not checked in during the last `days` days: never checked in first,
 * then the longest silent. Ties go by name.
 */
export function silentPeople(people: StudyPerson[], now: Date, days: number): StudyPerson[] {
  const cutoff = now.getTime() - days * DAY_MS;
  return people
    .filter((p) => p.lastCheckinAt === null || p.lastCheckinAt.getTime() < cutoff)
    .sort((a, b) => {
      const ta = a.lastCheckinAt?.getTime() ?? -Infinity;
      const tb = b.lastCheckinAt?.getTime() ?? -Infinity;
      return ta === tb ? byName(a.name, b.name) : ta < tb ? -1 : 1;
    });
}

/**
 * Private text to cadres listing the silent people (from `silentPeople`), so they
 * can reach out one by one.
 * → "【学习情况】青山村：以下2位同志已7天以上没有学习打卡：李四（还没有打过卡）、张三（上次11月10日）。…"
 */
export function cadreDigestText(groupName: string, silent: StudyPerson[], days: number, now: Date, timeZone: string = TIME_ZONE): string {
  if (silent.length === 0) return `【学习情况】${groupName}：最近${days}天大家都有学习打卡，没有需要提醒的同志。`;
  const thisYear = wallClock(now.getTime(), timeZone).y;
  const entries = silent.map((p) => {
    if (p.lastCheckinAt === null) return `${p.name}（还没有打过卡）`;
    const w = wallClock(p.lastCheckinAt.getTime(), timeZone);
    return `${p.name}（上次${w.y === thisYear ? "" : `${w.y}年`}${w.m}月${w.d}日）`;
  });
  return (
    `【学习情况】${groupName}：以下${silent.length}位同志已${days}天以上没有学习打卡：${nameList(entries, MAX_DIGEST_NAMES, false)}。\n` +
    "建议找时间私下问问近况，听听有什么困难，鼓励他们抽空学一学。"
  );
}

/**
 * A gentle nudge. The group version carries no names (the channel adds the
 * @-mentions); the private one greets the person by name (the first of `names`).
 */
export function nudgeText(kind: "group" | "private", names: string[]): string {
  if (kind === "group") return "最近工作忙吧？有空的时候学一学，学完发 /打卡 记一下，大家一起进步。";
  const name = names[0]?.trim();
  return `${name ? `${name}同志，` : ""}你好！最近工作忙吧？有空的时候学一学，学完发 /打卡 记一下。有什么困难随时跟我们说，大家一起进步。`;
}

function byName(a: string, b: string): number {
  return a.localeCompare(b, "zh-Hans-CN");
}

function nameList(names: string[], max: number, sort = true): string {
  const sorted = sort ? [...names].sort(byName) : names;
  return sorted.length > max ? `${sorted.slice(0, max).join("、")}等` : sorted.join("、");
}

function zonedMidnight(y: number, m: number, d: number, timeZone: string): number {
  return zonedToUtc(y, m, d, 0, 0, timeZone);
}
