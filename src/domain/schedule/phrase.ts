// Reminder times typed in chat ("每天 20:00", "每周一三五 晚上8点", "明天 9:00",
// "下周三下午3点", "每月第二个周二 9:00", "隔周周三晚上8点", a raw cron line)
// read into a ScheduleSpec. The clock is always passed in.
import { TIME_ZONE, WEEKDAY_NAMES } from "../time.ts";
import { civil, DAY_MS, dayNumber, validDate, wallClock, zonedToUtc } from "../zoned-time.ts";
import { checkCron, compileCron, CRON_FIVE_FIELDS, nextCronFiring } from "./cron.ts";
import { clock, describeCron, MONDAY_FIRST } from "./describe.ts";
import { isoDay, mondayOf } from "./every-weeks.ts";
import { readClock } from "./phrase-clock.ts";
import { clip, Cursor, normaliseWithMap, num, NUM, Reject, reject } from "./phrase-cursor.ts";
import type { ScheduleSpec } from "./spec.ts";

export type ParseResult = { ok: true; spec: ScheduleSpec } | { ok: false; error: string };
export type LeadingParseResult = { ok: true; spec: ScheduleSpec; rest: string } | { ok: false; error: string };

/** Shown after every parse error. */
export const SCHEDULE_EXAMPLES =
  "每天 20:00、每周一三五 晚上8点、工作日 8:30、每月1日 9:00、每月最后一天 20:00、每月第二个周二 9:00、隔周周三 20:00、明天 9:00、下周三 15:00、1月15日 14:00";

/** "每两周" … "每十二周": a longer interval is no longer a routine. */
export const MAX_WEEK_INTERVAL = 12;

const MAX_AHEAD_MS = 731 * DAY_MS;

/**
 * Read a schedule that makes up the whole text.
 * `parseScheduleTime("每周一三五 20:00", now)` →
 * `{ ok: true, spec: { kind: "cron", expr: "0 20 * * 1,3,5", label: "每周一、三、五 20:00" } }`.
 */
export function parseScheduleTime(text: string, now: Date, timeZone: string = TIME_ZONE): ParseResult {
  const r = parseLeadingSchedule(text, now, timeZone);
  if (!r.ok) return r;
  // Tolerate a full stop or exclamation at the end of the phrase.
  if (!/^[。.!！~～]*$/.test(r.rest)) return failure(new Reject(`没看懂“${clip(r.rest)}”`));
  return { ok: true, spec: r.spec };
}

/**
 * Read a schedule at the start of the text and return what follows it as typed,
 * for commands that put the reminder text after the time:
 * `parseLeadingSchedule("每天晚上8点 学习强国打卡", now)` → spec "0 20 * * *", rest "学习强国打卡".
 */
export function parseLeadingSchedule(text: string, now: Date, timeZone: string = TIME_ZONE): LeadingParseResult {
  const { s, origin } = normaliseWithMap(text);
  try {
    const { spec, end } = readSchedule(new Cursor(s), now, timeZone);
    return { ok: true, spec, rest: text.slice(origin[end]).trim() };
  } catch (e) {
    if (e instanceof Reject) return failure(e);
    throw e;
  }
}

function failure(r: Reject): { ok: false; error: string } {
  return { ok: false, error: r.examples ? `${r.reason}。例如：${SCHEDULE_EXAMPLES}` : r.reason };
}

type Day =
  | { kind: "recurring"; dom: string; dow: string; period?: string; everyWeeks?: number }
  | { kind: "date"; y: number; m: number; d: number; period?: string }
  | { kind: "yearless"; m: number; d: number }
  | { kind: "relative"; days: number; period?: string };

function readSchedule(c: Cursor, now: Date, timeZone: string): { spec: ScheduleSpec; end: number } {
  c.skipSpace();
  if (c.done) reject("请写上提醒时间");
  const cron = readCron(c, now, timeZone);
  if (cron) return cron;
  const w = wallClock(now.getTime(), timeZone);
  const day = readDay(c, dayNumber(w.y, w.m, w.d));
  c.eat(/^\s*的?\s*/);
  const { hour, minute } = readClock(c, "period" in day ? day.period : undefined);
  const end = c.pos;
  if (day.kind !== "recurring") return { spec: oneOff(day, hour, minute, now, timeZone), end };
  const expr = `${minute} ${hour} ${day.dom} * ${day.dow}`;
  if (!day.everyWeeks) return { spec: { kind: "cron", expr, label: describeCron(expr) }, end };
  // The week of the first matching day from now fires, and every n-th week after it.
  const first = nextCronFiring(compileCron(expr), now.getTime(), timeZone)!;
  const f = wallClock(first.getTime(), timeZone);
  const everyWeeks = { n: day.everyWeeks, anchor: isoDay(mondayOf(dayNumber(f.y, f.m, f.d))) };
  return { spec: { kind: "cron", expr, label: describeCron(expr, everyWeeks), everyWeeks }, end };
}

function readCron(c: Cursor, now: Date, timeZone: string): { spec: ScheduleSpec; end: number } | null {
  const cronish = (f: string) => /^[\d*,/\-?lL#]+$/.test(f);
  // A 6-field line (seconds first, as node-cron and Quartz allow) would otherwise read as 5 fields and a topic.
  const ahead = c.rest.split(/\s+/, 6);
  if (ahead.length === 6 && ahead.every(cronish)) reject(CRON_FIVE_FIELDS, false);
  const start = c.pos;
  const m = c.eat(/^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?=\s|$)/);
  if (!m) return null;
  const fields = m.slice(1, 6);
  if (!fields.every(cronish)) {
    c.pos = start;
    return null;
  }
  const expr = fields.join(" ").toUpperCase();
  const compiled = checkCron(expr);
  if (typeof compiled === "string") reject(compiled);
  if (!nextCronFiring(compiled, now.getTime(), timeZone)) reject(`cron 表达式“${expr}”永远不会触发`);
  return { spec: { kind: "cron", expr, label: describeCron(expr) }, end: c.pos };
}

const WEEK = "(?:周|星期|礼拜)";
const WEEK_PREFIX = new RegExp(`^${WEEK}`);
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0 };
const WEEKDAY_CHAR = "([一二三四五六日天])";

function readDay(c: Cursor, today: number): Day {
  let m: RegExpExecArray | null;
  if ((m = c.eat(/^(?:每天|每日|天天|每晚)/))) return { kind: "recurring", dom: "*", dow: "*", period: m[0] === "每晚" ? "晚" : undefined };
  // Mon–Fri only: the state's adjusted working days (调休) are not known here.
  if (c.eat(/^(?:每个?)?工作日/)) return { kind: "recurring", dom: "*", dow: "1-5" };
  if ((m = c.eat(/^(?:下下|下|本|这)个?周末/))) return reject(`“${m[0]}”是周六还是周日？请写“${m[0].replace("周末", "周六")}”或“${m[0].replace("周末", "周日")}”`);
  // A plain "周末" is read as every weekend, like "每周末": organisers write "周末上午9点
  // 学习" for a standing arrangement, and a single weekend would name its day ("本周六").
  if (c.eat(/^(?:每个?)?周末/)) return { kind: "recurring", dom: "*", dow: "0,6" };
  const interval = readWeekInterval(c);
  if (interval) return { kind: "recurring", dom: "*", dow: readWeekdaysAfterInterval(c), everyWeeks: interval > 1 ? interval : undefined };
  if (c.eat(new RegExp(`^每个?${WEEK}`))) return { kind: "recurring", dom: "*", dow: dowField(readWeekdays(c)) };
  if (c.eat(/^每个?月\s*的?\s*/)) return { kind: "recurring", ...readMonthDay(c) };
  if ((m = c.eat(/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/))) return { kind: "date", y: num(m[1]), m: num(m[3]), d: num(m[4]) };
  if ((m = c.eat(new RegExp(`^(\\d{4})\\s*年\\s*${NUM}\\s*月\\s*${NUM}\\s*[日号]?`))))
    return { kind: "date", y: num(m[1]), m: num(m[2]), d: num(m[3]) };
  if ((m = c.eat(new RegExp(`^${NUM}\\s*月\\s*${NUM}\\s*[日号]?`)))) return { kind: "yearless", m: num(m[1]), d: num(m[2]) };
  if ((m = c.eat(/^(?:大后天|后天|明天|明日|明早|明晚|今天|今日|今早|今晚)/))) {
    const w = m[0];
    const days = w === "大后天" ? 3 : w === "后天" ? 2 : w.startsWith("明") ? 1 : 0;
    return { kind: "relative", days, period: w.endsWith("早") ? "早" : w.endsWith("晚") ? "晚" : undefined };
  }
  if ((m = c.eat(new RegExp(`^(下下|下|本|这)个?${WEEK}(?=${WEEKDAY_CHAR})`)))) {
    // Weeks run Monday to Sunday, as on Chinese calendars: on a Friday "下周一" is three days off.
    const weeks = m[1] === "下下" ? 2 : m[1] === "下" ? 1 : 0;
    const days = readWeekdays(c);
    if (days.size !== 1) reject("一次性提醒只能写一天；每周都要提醒请写“每周一三五”这样的");
    const offset = MONDAY_FIRST.indexOf([...days][0]!) - MONDAY_FIRST.indexOf(civil(today).wd);
    return { kind: "relative", days: weeks * 7 + offset };
  }
  if ((m = c.eat(new RegExp(`^${WEEK}${WEEKDAY_CHAR}`)))) {
    const d = `周${WEEKDAY_NAMES[WEEKDAY[m[1]!]!]}`;
    return reject(`没看懂“${m[0]}”是每周还是哪一周，请写“每${d}”、“本${d}”或“下${d}”`);
  }
  return reject(`没看懂“${clip(c.rest.trim())}”是什么时间`);
}

/**
 * "每隔一周的" / "隔周" → 2, "每两周的" → 2, "每三周" → 3; null when the text says
 * no interval. "每隔两周" is refused: people mean both every 2 and every 3 weeks by it.
 */
function readWeekInterval(c: Cursor): number | null {
  let m = c.eat(new RegExp(`^(?:每隔|隔)\\s*(?:${NUM}\\s*个?)?\\s*${WEEK}\\s*的?\\s*`));
  let n: number;
  if (m) {
    const skip = m[1] === undefined ? 1 : num(m[1]);
    if (skip !== 1) reject(`“${m[0].trim()}”可以理解成每${skip}周或每${skip + 1}周，请写“每${skip}周”或“每${skip + 1}周”`);
    n = 2;
  } else {
    m = c.eat(new RegExp(`^每\\s*${NUM}\\s*个?\\s*${WEEK}\\s*的?\\s*`));
    if (!m) return null;
    n = num(m[1]);
  }
  if (n < 1 || n > MAX_WEEK_INTERVAL) reject(`每几周要在1到${MAX_WEEK_INTERVAL}周之间`);
  return n;
}

/** After "隔周": "周三", "三", "周一三五", "周末", "工作日". */
function readWeekdaysAfterInterval(c: Cursor): string {
  if (c.eat(/^周末/)) return "0,6";
  if (c.eat(/^工作日/)) return "1-5";
  c.eat(WEEK_PREFIX);
  return dowField(readWeekdays(c));
}

/** "一三五", "一、三、五", "一到五", "一和周三" → days, 0 = Sunday. */
function readWeekdays(c: Cursor): Set<number> {
  const days = new Set<number>();
  let rangeFrom: number | null = null;
  for (;;) {
    const ch = c.s[c.pos];
    const day = ch === undefined ? undefined : WEEKDAY[ch];
    if (day === undefined) return reject("星期几没看懂，请写周一到周日");
    c.pos++;
    if (rangeFrom === null) days.add(day);
    else {
      const a = MONDAY_FIRST.indexOf(rangeFrom);
      const b = MONDAY_FIRST.indexOf(day);
      for (let k = a; ; k = (k + 1) % 7) {
        days.add(MONDAY_FIRST[k]!);
        if (k === b) break;
      }
      rangeFrom = null;
    }
    const sep = c.eat(/^(?:[、,和与及]|到|至|-|~)?/)![0];
    if (sep === "到" || sep === "至" || sep === "-" || sep === "~") rangeFrom = day;
    const beforePrefix = c.pos;
    c.eat(WEEK_PREFIX);
    const next = c.s[c.pos];
    if (sep === "" && (next === undefined || WEEKDAY[next] === undefined)) {
      c.pos = beforePrefix;
      return days;
    }
  }
}

// A day 29–31 in a month that lacks it fires on that month's last day rather than
// being skipped: "每月31日" is meant as "every month", usually for month-end tasks.
// Standard cron cannot say this, hence the "dL" form (see compileCron).
function readMonthDay(c: Cursor): { dom: string; dow: string } {
  if (c.eat(/^(?:最后一天|最后1天|月底|月末|底|末)/)) return { dom: "L", dow: "*" };
  // 主题党日 and 三会一课 are often fixed as "the second Tuesday" or "the last Thursday".
  let m = c.eat(new RegExp(`^第\\s*${NUM}\\s*个\\s*${WEEK}${WEEKDAY_CHAR}`));
  if (m) {
    const n = num(m[1]);
    const day = WEEKDAY[m[2]!]!;
    if (n === 5) reject(`不是每个月都有第五个周${WEEKDAY_NAMES[day]}，月末的请写“最后一个周${WEEKDAY_NAMES[day]}”`);
    if (n < 1 || n > 5) reject(`每月第几个要在第一到第四个之间`);
    return { dom: "*", dow: `${day}#${n}` };
  }
  m = c.eat(new RegExp(`^最后\\s*[一1]?\\s*个\\s*${WEEK}${WEEKDAY_CHAR}`));
  if (m) return { dom: "*", dow: `${WEEKDAY[m[1]!]}L` };
  m = c.eat(new RegExp(`^${NUM}\\s*[日号]`));
  if (!m) return reject("每月几号没看懂");
  const d = num(m[1]);
  if (d < 1 || d > 31) reject(`每月没有${d}日，请写1到31日`);
  return { dom: d >= 29 ? `${d}L` : String(d), dow: "*" };
}

function oneOff(day: Exclude<Day, { kind: "recurring" }>, hour: number, minute: number, now: Date, timeZone: string): ScheduleSpec {
  const today = wallClock(now.getTime(), timeZone);
  let at: number;
  if (day.kind === "relative") {
    const d = civil(dayNumber(today.y, today.m, today.d) + day.days);
    at = zonedToUtc(d.y, d.m, d.d, hour, minute, timeZone);
  } else if (day.kind === "date") {
    if (!validDate(day.y, day.m, day.d)) reject(`没有${day.y}年${day.m}月${day.d}日这一天`);
    at = zonedToUtc(day.y, day.m, day.d, hour, minute, timeZone);
  } else {
    if (!validDate(2028, day.m, day.d)) reject(`没有${day.m}月${day.d}日这一天`);
    // The next time this date comes round; Feb 29 may be years away and is then refused as too far.
    let y = today.y;
    while (!validDate(y, day.m, day.d) || zonedToUtc(y, day.m, day.d, hour, minute, timeZone) <= now.getTime()) y++;
    at = zonedToUtc(y, day.m, day.d, hour, minute, timeZone);
  }
  if (at <= now.getTime()) reject("这个时间已经过去了");
  if (at - now.getTime() > MAX_AHEAD_MS) reject("这个时间太远了，一次性提醒只能设在两年以内");
  const w = wallClock(at, timeZone);
  const weekday = WEEKDAY_NAMES[civil(dayNumber(w.y, w.m, w.d)).wd]!;
  return { kind: "once", at: new Date(at), label: `${w.y}年${w.m}月${w.d}日（周${weekday}）${clock(w.h, w.mi)}` };
}

/** {1,3,5} → "1,3,5"; {1,2,3,4,5} → "1-5"; all seven → "*". */
function dowField(days: Set<number>): string {
  if (days.size === 7) return "*";
  const sorted = [...days].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(",");
}
