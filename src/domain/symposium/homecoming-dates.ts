// Finds the days named in an answer to "when are you home?" — lunar (腊月廿六, 初二,
// 年三十, 除夕, 小年, 元宵), Gregorian (2月1号, 10号, 1.29, 2/4, 2027年2月3日), relative
// (下周, 月底, 明天, 过完年) — each as a Mention that resolves to a day once its role
// (arriving or leaving) is known, since "二十八" is 腊月 to arrive but "十六" 正月 to leave.
import { dayNumber, daysInMonth, civil, validDate } from "../zoned-time.ts";
import { dayIndex } from "./calendar-day.ts";
import { lunarDate, lunarMonthLength, newYearsEve, xiaonian, type XiaonianStyle } from "./lunar-days.ts";
import { cnDigit, cnInt } from "./homecoming-text.ts";

export type Role = "arrive" | "leave";
export type HomecomingSeason = "spring_festival" | "summer";

export interface DateContext {
  season: HomecomingSeason;
  /** Holiday year: the year of 正月初一 for Spring Festival. */
  year: number;
  /** Day index (see calendar-day.ts) of today, Beijing time. */
  today: number;
  window: { start: number; end: number };
  xiaonian: XiaonianStyle;
}

export interface Mention {
  start: number;
  end: number;
  /**
   * The day for a role; `anchor` is the day the previous date in the answer fell on
   * (or today), for a bare "5号". Null for a vague time ("年前", "过几天").
   */
  resolve(role: Role, anchor: number): number | null;
  /** A role the phrase carries itself ("已经到家" arrives). */
  role?: Role;
  /** A vague time given as the answer ("年前", "腊月二十几"): they are coming, day unsaid. */
  answersWhen?: boolean;
}

type Resolver = Mention["resolve"];
type Made = { resolve: Resolver; role?: Role; end?: number; answersWhen?: boolean } | null;

interface Pattern {
  re: RegExp;
  only?: HomecomingSeason;
  make(m: RegExpExecArray, ctx: DateContext): Made;
}

const DAY_CN = "(?:[二两三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|[一二两三四五六七八九])";
const DAY = `(\\d{1,2}|${DAY_CN})`;
const CHU = "初(十|[一二三四五六七八九]|\\d{1,2})";
// A second day right after the first: "二十六七", "4、5号", "4或5号".
const EXTRA = "([一二三四五六七八九]|[、或]\\d{1,2}(?=[号日]))?";
const MONTH = "(\\d{1,2}|十[一二]?|[一二三四五六七八九元])";
const LUNAR_PREFIX = "(?:农历|阴历|旧历|老历)";
const PART = "(份|初|底|末|尾|中旬|上旬|下旬|中)?";
const NUM = "(\\d{1,2}|[一二两三四五六七八九十]{1,3}|半)";

const fixed = (day: number | null): Resolver => () => day;
const vague: Resolver = () => null;

function gregorian(y: number, m: number, d: number): number | null {
  return validDate(y, m, d) ? dayNumber(y, m, d) : null;
}

/** "7", "十二", "元" (元月, January) → the month number; null outside 1–12. */
function monthNumber(s: string): number | null {
  const n = s === "元" ? 1 : cnInt(s);
  return n !== null && n >= 1 && n <= 12 ? n : null;
}

/** The Gregorian year a month without a year means: December before Spring Festival, else the holiday year. */
function yearFor(ctx: DateContext, month: number): number {
  return ctx.season === "spring_festival" && month >= 9 ? ctx.year - 1 : ctx.year;
}

/** A lunar day of the holiday year; 腊月三十 in a 29-day 腊月 is 除夕, as people mean it. */
function lunar(ctx: DateContext, month: number, day: number): number | null {
  if (month === 12 && day === 30 && lunarMonthLength(ctx.year, 12) === 29) return dayIndex(newYearsEve(ctx.year));
  const iso = lunarDate(ctx.year, month, day);
  return iso === null ? null : dayIndex(iso);
}

/** "二十六七" → 27, "4、5号" → 5; null when the extra part does not continue the day. */
function pairOf(day: number, extra: string | undefined): number | null {
  if (!extra) return null;
  const d2 = /\d/.test(extra) ? Number(extra.slice(1)) : Math.floor(day / 10) * 10 + cnDigit(extra)!;
  return d2 > day && d2 - day <= 2 ? d2 : null;
}

/**
 * A day and an optional second day ("二十六七"): the first to arrive, the last to leave.
 * `resolveDay` turns the chosen day of the month into a day index.
 */
function dayPair(m: RegExpExecArray, dayGroup: number, resolveDay: (d: number, role: Role, anchor: number) => number | null): Made {
  const raw = m[dayGroup]!;
  const day = raw.startsWith("初") ? cnInt(raw.slice(1)) : cnInt(raw);
  if (day === null || day < 1 || day > 31) return null;
  const extra = m[dayGroup + 1];
  const d2 = /\d/.test(raw) !== /\d/.test(extra ?? raw) ? null : pairOf(day, extra);
  const made: Made = { resolve: (role, anchor) => resolveDay(role === "leave" && d2 !== null ? d2 : day, role, anchor) };
  if (!extra || d2 !== null) return made;
  // "十五一过": the digit does not continue the number, so it belongs to the next word.
  return /[号日]$/.test(m[0]) ? null : { ...made, end: m.index + m[0].length - 1 };
}

/** The first day `d` of a month on or after `anchor` (a bare "5号"). */
function dayAfter(anchor: number, d: number): number | null {
  for (let k = 0; k < 3; k++) {
    const { y, m } = monthAt(anchor, k);
    const n = gregorian(y, m, d);
    if (n !== null && n >= anchor) return n;
  }
  return null;
}

/** A part of a month: 月初 the 1st, 上旬 the 5th, 中旬 the 15th, 下旬 the 25th, 月底 the last day; a month alone spans it. */
function monthPart(y: number, m: number, part: string | undefined): Resolver {
  const last = daysInMonth(y, m);
  const day: Record<string, number> = { 初: 1, 上旬: 5, 中: 15, 中旬: 15, 下旬: 25, 底: last, 末: last, 尾: last };
  if (part && part !== "份") return fixed(dayNumber(y, m, day[part]!));
  return (role) => dayNumber(y, m, role === "arrive" ? 1 : last);
}

/** The month `ahead` months after the one `day` is in. */
function monthAt(day: number, ahead: number): { y: number; m: number } {
  const t = civil(day);
  return { y: t.y + Math.floor((t.m - 1 + ahead) / 12), m: ((t.m - 1 + ahead) % 12) + 1 };
}

const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 0 };

/** Monday of the week `weeks` after today's (Monday-first weeks, as people count them). */
function mondayOf(today: number, weeks: number): number {
  return today - ((civil(today).wd + 6) % 7) + 7 * weeks;
}

/** What 过完年 means for leaving: 正月初六, once 破五 is over; most factories restart from 初七. */
export const AFTER_NEW_YEAR_DAY = 6;

const PATTERNS: Pattern[] = [
  {
    // Already home: arrives today.
    re: /(?:已经|早就|早已|刚刚?|一直|现在|目前|人已?经?|我(?:已经|一直|现在)?)就?(?:到家了?|在家|回来了|回家了|在村里?|在老家|回村了|到了|在屋里)/y,
    make: (_m, ctx) => ({ resolve: fixed(ctx.today), role: "arrive" }),
  },
  {
    // "腊月二十几", "7月十几号": read like 上旬/中旬/下旬 — the 5th, 15th, 25th.
    re: new RegExp(`(?:(腊|正)月|${MONTH}月)(初|[二两]?十|廿)几[号日]?`, "y"),
    make: (m, ctx) => {
      const day = m[3] === "初" ? 5 : m[3] === "十" ? 15 : 25;
      if (m[1]) return { resolve: fixed(lunar(ctx, m[1] === "腊" ? 12 : 1, day)) };
      const month = monthNumber(m[2]!);
      return month === null ? null : { resolve: fixed(gregorian(yearFor(ctx, month), month, day)) };
    },
  },
  // "十几号", "二十几号" without a month: some day, not named.
  { re: /(?:[二两]?十|廿|初)几[号日]?/y, make: () => ({ resolve: vague, answersWhen: true }) },
  {
    re: new RegExp(`(\\d{4}|\\d{2})年${MONTH}月${DAY}[日号]?`, "y"),
    make: (m) => {
      const y = m[1]!.length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
      const month = monthNumber(m[2]!);
      const n = month === null ? null : gregorian(y, month, cnInt(m[3]!) ?? 0);
      return n === null ? null : { resolve: fixed(n) };
    },
  },
  {
    re: /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/y,
    make: (m) => {
      const n = gregorian(Number(m[1]), Number(m[2]), Number(m[3]));
      return n === null ? null : { resolve: fixed(n) };
    },
  },
  {
    re: new RegExp(`${LUNAR_PREFIX}?(腊|正|冬)月(${CHU.replace("(", "(?:")}|${DAY.slice(1, -1)})${EXTRA}[号日]?`, "y"),
    make: (m, ctx) => {
      const month = m[1] === "腊" ? 12 : m[1] === "正" ? 1 : 11;
      if (month === 11) return null;
      return dayPair(m, 2, (d) => lunar(ctx, month, d));
    },
  },
  {
    re: new RegExp(`${LUNAR_PREFIX}${MONTH}月(${CHU.replace("(", "(?:")}|${DAY.slice(1, -1)})${EXTRA}[号日]?`, "y"),
    make: (m, ctx) => {
      const month = monthNumber(m[1]!);
      return month === null ? null : dayPair(m, 2, (d) => lunar(ctx, month, d));
    },
  },
  {
    // 腊月 alone: its first day to arrive, 除夕 to leave.
    re: new RegExp(`${LUNAR_PREFIX}?(腊|正)月(?:份|里)?`, "y"),
    make: (m, ctx) => {
      const month = m[1] === "腊" ? 12 : 1;
      return { resolve: (role) => lunar(ctx, month, role === "arrive" ? 1 : lunarMonthLength(ctx.year, month)) };
    },
  },
  {
    // 年二十八, 大年三十, 年初二
    re: new RegExp(`大?年(初(?:十|[一二三四五六七八九]|\\d{1,2})|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|三十)${EXTRA}(?!岁)`, "y"),
    only: "spring_festival",
    make: (m, ctx) => {
      const month = m[1]!.startsWith("初") ? 1 : 12;
      return dayPair(m, 1, (d) => lunar(ctx, month, d));
    },
  },
  {
    re: new RegExp(`(${CHU.replace("(", "(?:")})${EXTRA}[号日]?`, "y"),
    only: "spring_festival",
    make: (m, ctx) => dayPair(m, 1, (d) => lunar(ctx, 1, d)),
  },
  { re: /除夕(?:夜)?|大年夜/y, make: (_m, ctx) => ({ resolve: fixed(dayIndex(newYearsEve(ctx.year))) }) },
  { re: /小年(?!轻)/y, make: (_m, ctx) => ({ resolve: fixed(dayIndex(xiaonian(ctx.year, ctx.xiaonian))) }) },
  { re: /元宵节?|灯节/y, make: (_m, ctx) => ({ resolve: fixed(lunar(ctx, 1, 15)) }) },
  { re: /元旦/y, make: (_m, ctx) => ({ resolve: fixed(dayNumber(ctx.year, 1, 1)) }) },
  { re: /国庆节?|十一(?:长假|假期)/y, make: (_m, ctx) => ({ resolve: fixed(dayNumber(yearFor(ctx, 10), 10, 1)) }) },
  {
    re: /中秋节?/y,
    make: (_m, ctx) => ({ resolve: fixed(dayIndex(lunarDate(ctx.season === "spring_festival" ? ctx.year - 1 : ctx.year, 8, 15)!)) }),
  },
  { re: /端午节?/y, make: (_m, ctx) => ({ resolve: fixed(dayIndex(lunarDate(ctx.year, 5, 5)!)) }) },
  {
    re: /过完年|过了年|过完春节|过了春节|春节(?:过)?后|年过完|过完新年|年后|节后/y,
    make: (_m, ctx) => ({ resolve: ctx.season === "spring_festival" ? fixed(lunar(ctx, 1, AFTER_NEW_YEAR_DAY)) : vague }),
  },
  { re: /年前|节前|春节前|过年前/y, make: () => ({ resolve: vague, answersWhen: true }) },
  { re: /春节|过年|新年/y, make: () => ({ resolve: vague }) },
  {
    // 放假就回: the summer window opens; a Spring Festival break differs by employer and school.
    re: /放(?:寒|暑)?假/y,
    make: (_m, ctx) => ({ resolve: ctx.season === "summer" ? fixed(ctx.window.start) : vague }),
  },
  { re: /大后天/y, make: (_m, ctx) => ({ resolve: fixed(ctx.today + 3) }) },
  { re: /后天/y, make: (_m, ctx) => ({ resolve: fixed(ctx.today + 2) }) },
  { re: /明天|明儿|明日/y, make: (_m, ctx) => ({ resolve: fixed(ctx.today + 1) }) },
  { re: /今天|今晚|今儿|今日/y, make: (_m, ctx) => ({ resolve: fixed(ctx.today) }) },
  { re: /过两天/y, make: (_m, ctx) => ({ resolve: fixed(ctx.today + 2) }) },
  { re: /过(?:几|些|段|一段|一阵|阵)(?:天|时间|日子|子)?/y, make: () => ({ resolve: vague, answersWhen: true }) },
  {
    re: new RegExp(`${NUM}(?:个)?(天|周|星期|礼拜)(?:以|之)?后`, "y"),
    make: (m, ctx) => {
      const n = m[1] === "半" ? null : cnInt(m[1]!);
      return n === null ? null : { resolve: fixed(ctx.today + n * (m[2] === "天" ? 1 : 7)) };
    },
  },
  {
    re: /(下下|下|这|本)?个?(?:周|星期|礼拜)([一二三四五六日1-7])/y,
    make: (m, ctx) => {
      const wd = WEEKDAY[m[2]!]!;
      const weeks = m[1] === "下下" ? 2 : m[1] === "下" ? 1 : 0;
      if (weeks === 0) return { resolve: fixed(ctx.today + ((wd - civil(ctx.today).wd + 7) % 7)) };
      return { resolve: fixed(mondayOf(ctx.today, weeks) + ((wd + 6) % 7)) };
    },
  },
  {
    re: /(下下|下)个?(?:周|星期|礼拜)(末)?/y,
    make: (m, ctx) => ({ resolve: fixed(mondayOf(ctx.today, m[1] === "下下" ? 2 : 1) + (m[2] ? 5 : 0)) }),
  },
  {
    // This weekend: the coming Saturday, or today when it is Sunday.
    re: /(?:这|本)?(?:个)?周末/y,
    make: (_m, ctx) => {
      const wd = civil(ctx.today).wd;
      return { resolve: fixed(wd === 0 ? ctx.today : ctx.today + 6 - wd) };
    },
  },
  {
    re: new RegExp(`${MONTH}月${DAY}${EXTRA}[日号]?`, "y"),
    make: (m, ctx) => {
      const month = monthNumber(m[1]!);
      return month === null ? null : dayPair(m, 2, (d) => gregorian(yearFor(ctx, month), month, d));
    },
  },
  {
    re: /(\d{1,2})[./](\d{1,2})(?![\d.]|天|个|小时|万|元|倍|%|k|w)/y,
    make: (m, ctx) => {
      const month = Number(m[1]);
      const n = gregorian(yearFor(ctx, month), month, Number(m[2]));
      return month >= 1 && month <= 12 && n !== null ? { resolve: fixed(n) } : null;
    },
  },
  {
    re: new RegExp(`${MONTH}月${PART}`, "y"),
    make: (m, ctx) => {
      const month = monthNumber(m[1]!);
      return month === null ? null : { resolve: monthPart(yearFor(ctx, month), month, m[2]) };
    },
  },
  {
    re: new RegExp(`(这个?|本|下个?|下下个?)月${DAY}${EXTRA}[号日]?`, "y"),
    make: (m, ctx) => {
      const { y, m: month } = monthAt(ctx.today, m[1]!.startsWith("下下") ? 2 : m[1]!.startsWith("下") ? 1 : 0);
      return dayPair(m, 2, (d) => gregorian(y, month, d));
    },
  },
  {
    re: new RegExp(`(这个?|本|下个?|下下个?)月${PART}`, "y"),
    make: (m, ctx) => {
      const { y, m: month } = monthAt(ctx.today, m[1]!.startsWith("下下") ? 2 : m[1]!.startsWith("下") ? 1 : 0);
      return { resolve: monthPart(y, month, m[2]) };
    },
  },
  {
    re: /月(初|底|末|尾|中旬|上旬|下旬)/y,
    make: (m, ctx) => {
      const { y, m: month } = monthAt(ctx.today, 0);
      return { resolve: monthPart(y, month, m[1]) };
    },
  },
  {
    re: new RegExp(`${DAY}${EXTRA}[号日](?!子|期|程|常)`, "y"),
    make: (m) => dayPair(m, 1, (d, _role, anchor) => dayAfter(anchor, d)),
  },
  {
    // A bare number: "二十八回", "十六走", "28回". At Spring Festival people count in lunar days.
    re: new RegExp(`(\\d{1,2}(?=回|到|走|返|左右|前后|那天|晚上|下午|上午)|[二两]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|三十)${EXTRA}(?![号日天个岁块元点分年月多来几度%万k人次周])`, "y"),
    make: (m, ctx) => {
      const d = cnInt(m[1]!);
      if (d === null || d < 1 || d > 31 || (!/\d/.test(m[1]!) && d < 11)) return null;
      if (ctx.season === "summer") return dayPair(m, 1, (day, _role, anchor) => dayAfter(anchor, day));
      // Arriving on 二十八 is 腊月; leaving on 十六 is 正月.
      return dayPair(m, 1, (day, role) => (role === "arrive" && day > 10 ? lunar(ctx, 12, day) : lunar(ctx, 1, day)));
    },
  },
];

/** Characters after which a number is part of something else ("第二十", "周二", "3.5"). */
const NOT_AFTER = /[\d月年初第周期拜个./]/;

// After a date: "前一天" a day before, "前" the day before, "后"/"过完" the day after,
// "前后"/"左右" about that day.
const AFTER_MODIFIER = /(前后|左右|上下|附近|那几天|前([一两二三\d])天|后([一两二三\d])天|第二天|(?:之|以)?前(?!后)|(?:之|以|过)?后(?!天)|过完|过了|一过)/y;
const BEFORE_MODIFIER = /(?<![不只超])过[了完]?$/;

function modifierAt(s: string, end: number): { offset: number; end: number } {
  AFTER_MODIFIER.lastIndex = end;
  const m = AFTER_MODIFIER.exec(s);
  if (!m) return { offset: 0, end };
  const word = m[1]!;
  const n = m[2] ?? m[3];
  let offset = 0;
  if (n) offset = (m[2] ? -1 : 1) * cnInt(n === "两" ? "二" : n)!;
  else if (word === "第二天") offset = 1;
  else if (/^(?:前后|左右|上下|附近|那几天)$/.test(word)) offset = 0;
  else if (/前$/.test(word)) offset = -1;
  else if (/后$|过完|过了|一过/.test(word)) offset = 1;
  return { offset, end: end + word.length };
}

/** Every date named in normalised text, left to right. */
export function findMentions(s: string, ctx: DateContext): Mention[] {
  const out: Mention[] = [];
  for (let i = 0; i < s.length; ) {
    let made: Made = null;
    let end = i;
    if (!(i > 0 && NOT_AFTER.test(s[i - 1]!) && /[\d一二两三四五六七八九十廿]/.test(s[i]!))) {
      for (const p of PATTERNS) {
        if (p.only && p.only !== ctx.season) continue;
        p.re.lastIndex = i;
        const m = p.re.exec(s);
        if (!m) continue;
        // 放假 right after a date ("1月15号放假") says what the date is, not another date.
        if (p.re.source.startsWith("放") && out.length > 0 && out.at(-1)!.end >= i - 1) break;
        made = p.make(m, ctx);
        if (made) {
          end = made.end ?? i + m[0].length;
          break;
        }
      }
    }
    if (!made) {
      i++;
      continue;
    }
    const mod = modifierAt(s, end);
    const pre = BEFORE_MODIFIER.test(s.slice(Math.max(0, i - 3), i)) && mod.offset === 0 ? 1 : 0;
    const offset = mod.offset + pre;
    const base = made.resolve;
    out.push({
      start: i,
      end: mod.end,
      role: made.role,
      answersWhen: made.answersWhen,
      resolve: offset === 0 ? base : (role, anchor) => {
        const n = base(role, anchor);
        return n === null ? null : n + offset;
      },
    });
    i = mod.end;
  }
  return out;
}
