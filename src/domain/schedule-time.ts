// Pure parsing of reminder times typed in chat ("每天 20:00", "每周一三五 晚上8点",
// "明天 9:00", a raw cron line) and working out when they fire. The clock is
// always passed in. Times are wall-clock times in an IANA zone, converted with
// Intl, so zones with daylight saving work as well as Asia/Shanghai.
import { TIME_ZONE, WEEKDAY_NAMES } from "./time.ts";
import { civil, DAY_MS, daysInMonth, dayNumber, validDate, wallClock, zonedToUtc } from "./zoned-time.ts";

export type ScheduleSpec =
  /** Recurring: a 5-field cron line (see `nextFiring` for the dialect) and a Chinese description. */
  | { kind: "cron"; expr: string; label: string }
  /** One-off. */
  | { kind: "once"; at: Date; label: string };

export type ParseResult = { ok: true; spec: ScheduleSpec } | { ok: false; error: string };
export type LeadingParseResult = { ok: true; spec: ScheduleSpec; rest: string } | { ok: false; error: string };

/** Shown after every parse error. */
export const SCHEDULE_EXAMPLES =
  "每天 20:00、每周一三五 晚上8点、工作日 8:30、每月1日 9:00、每月最后一天 20:00、明天 9:00、1月15日 14:00";

/** `firingsBetween` returns at most this many firings (the earliest ones). */
export const MAX_FIRINGS = 100;

// Far enough for Feb 29 (2096 → 2104) and for any weekday/date combination to recur.
const SEARCH_DAYS = 28 * 366;
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
  if (!/^[。.!！~～]*$/.test(r.rest)) return failure(`没看懂“${clip(r.rest)}”`);
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
    if (e instanceof Reject) return failure(e.reason);
    throw e;
  }
}

/**
 * The first firing strictly after `after`, or null (a one-off already past, or a
 * cron line that never matches). Cron dialect: minute hour day-of-month month
 * day-of-week with `*`, numbers, `a-b`, lists and steps (`a-b/n`, or `/n` after `*`);
 * day-of-week 0–7 with 0 and 7 Sunday; day-of-month also `L` (last day) and
 * `dL` (day d, or the last day when the month is shorter). When both day fields
 * are restricted a day matching either fires, as in Vixie cron, where a field
 * starting with `*` counts as unrestricted. Throws on a malformed expression.
 * `nextFiring({ kind: "cron", expr: "0 20 * * *", label }, sh("2026-12-31 21:00"))` → 2027-01-01 20:00 Beijing time.
 */
export function nextFiring(spec: ScheduleSpec, after: Date, timeZone: string = TIME_ZONE): Date | null {
  if (spec.kind === "once") return spec.at.getTime() > after.getTime() ? new Date(spec.at.getTime()) : null;
  return nextCronFiring(compileCron(spec.expr), after.getTime(), timeZone);
}

/**
 * Firings in (from, to], earliest first and at most `MAX_FIRINGS` of them: what
 * was missed while the bot was down.
 * `firingsBetween(everyHalfHour, sh("9:10"), sh("12:10"))` → 9:30, 10:00, …, 12:00.
 */
export function firingsBetween(spec: ScheduleSpec, from: Date, to: Date, timeZone: string = TIME_ZONE): Date[] {
  if (spec.kind === "once") {
    const t = spec.at.getTime();
    return t > from.getTime() && t <= to.getTime() ? [new Date(t)] : [];
  }
  const cron = compileCron(spec.expr);
  const out: Date[] = [];
  let t = from.getTime();
  while (out.length < MAX_FIRINGS) {
    const next = nextCronFiring(cron, t, timeZone);
    if (!next || next.getTime() > to.getTime()) break;
    out.push(next);
    t = next.getTime();
  }
  return out;
}

// ---- parsing the phrase ----

class Reject {
  constructor(readonly reason: string) {}
}

function reject(reason: string): never {
  throw new Reject(reason);
}

function failure(reason: string): { ok: false; error: string } {
  return { ok: false, error: `${reason}。例如：${SCHEDULE_EXAMPLES}` };
}

function clip(s: string): string {
  const chars = [...s];
  return chars.length > 20 ? chars.slice(0, 20).join("") + "…" : s;
}

class Cursor {
  constructor(
    readonly s: string,
    public pos = 0,
  ) {}
  /** Match an anchored regex at the cursor and move past it. */
  eat(re: RegExp): RegExpExecArray | null {
    const m = re.exec(this.s.slice(this.pos));
    if (m) this.pos += m[0].length;
    return m;
  }
  skipSpace(): void {
    this.eat(/^\s+/);
  }
  get done(): boolean {
    return this.pos >= this.s.length;
  }
}

/** NFKC per character, remembering where each output character came from so the rest can be cut from the original. */
function normaliseWithMap(text: string): { s: string; origin: number[] } {
  let s = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize("NFKC");
    for (let k = 0; k < n.length; k++) origin.push(i);
    s += n;
    i += ch.length;
  }
  origin.push(i);
  return { s, origin };
}

const CN_NUM = "[零〇一二两三四五六七八九十]{1,3}";
const NUM = `(\\d{1,2}(?!\\d)|${CN_NUM})`;
const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "15", "十五", "二十三", "零五" → number; null for anything else. */
function toNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const ten = s.indexOf("十");
  if (ten === -1) {
    if (s.length === 1) return CN_DIGIT[s] ?? null;
    if (s.length === 2 && (s[0] === "零" || s[0] === "〇")) return CN_DIGIT[s[1]!] ?? null;
    return null;
  }
  const before = s.slice(0, ten);
  const after = s.slice(ten + 1);
  const tens = before === "" ? 1 : before.length === 1 ? CN_DIGIT[before] : undefined;
  const ones = after === "" ? 0 : after.length === 1 ? CN_DIGIT[after] : undefined;
  if (tens === undefined || tens === 0 || ones === undefined) return null;
  return tens * 10 + ones;
}

function num(s: string | undefined): number {
  const n = s === undefined ? null : toNumber(s);
  return n ?? reject(`没看懂数字“${s ?? ""}”`);
}

type Day =
  | { kind: "recurring"; dom: string; dow: string; period?: string }
  | { kind: "date"; y: number; m: number; d: number; period?: string }
  | { kind: "yearless"; m: number; d: number }
  | { kind: "relative"; days: number; period?: string };

function readSchedule(c: Cursor, now: Date, timeZone: string): { spec: ScheduleSpec; end: number } {
  c.skipSpace();
  if (c.done) reject("请写上提醒时间");
  const cron = readCron(c, now, timeZone);
  if (cron) return cron;
  const day = readDay(c);
  c.eat(/^\s*的?\s*/);
  const { hour, minute } = readClock(c, "period" in day ? day.period : undefined);
  const end = c.pos;
  if (day.kind === "recurring") {
    const expr = `${minute} ${hour} ${day.dom} * ${day.dow}`;
    return { spec: { kind: "cron", expr, label: describeCron(expr) }, end };
  }
  return { spec: oneOff(day, hour, minute, now, timeZone), end };
}

function readCron(c: Cursor, now: Date, timeZone: string): { spec: ScheduleSpec; end: number } | null {
  const start = c.pos;
  const m = c.eat(/^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)(?=\s|$)/);
  if (!m) return null;
  const fields = m.slice(1, 6);
  if (!fields.every((f) => /^[\d*,/\-lL]+$/.test(f))) {
    c.pos = start;
    return null;
  }
  const expr = fields.join(" ").toUpperCase();
  const compiled = compileCronOrReason(expr);
  if (typeof compiled === "string") reject(compiled);
  if (!nextCronFiring(compiled, now.getTime(), timeZone)) reject(`cron 表达式“${expr}”永远不会触发`);
  return { spec: { kind: "cron", expr, label: describeCron(expr) }, end: c.pos };
}

const WEEK_PREFIX = /^(?:周|星期|礼拜)/;
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0 };
const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0];

function readDay(c: Cursor): Day {
  let m: RegExpExecArray | null;
  if ((m = c.eat(/^(?:每天|每日|天天|每晚)/))) return { kind: "recurring", dom: "*", dow: "*", period: m[0] === "每晚" ? "晚" : undefined };
  // Mon–Fri only: the state's adjusted working days (调休) are not known here.
  if (c.eat(/^(?:每个?)?工作日/)) return { kind: "recurring", dom: "*", dow: "1-5" };
  if (c.eat(/^每个?周末/)) return { kind: "recurring", dom: "*", dow: "0,6" };
  if (c.eat(/^每个?(?:周|星期|礼拜)/)) return { kind: "recurring", dom: "*", dow: dowField(readWeekdays(c)) };
  if (c.eat(/^每个?月\s*的?\s*/)) return { kind: "recurring", dom: readMonthDay(c), dow: "*" };
  if ((m = c.eat(/^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/))) return { kind: "date", y: num(m[1]), m: num(m[3]), d: num(m[4]) };
  if ((m = c.eat(new RegExp(`^(\\d{4})\\s*年\\s*${NUM}\\s*月\\s*${NUM}\\s*[日号]?`))))
    return { kind: "date", y: num(m[1]), m: num(m[2]), d: num(m[3]) };
  if ((m = c.eat(new RegExp(`^${NUM}\\s*月\\s*${NUM}\\s*[日号]?`)))) return { kind: "yearless", m: num(m[1]), d: num(m[2]) };
  if ((m = c.eat(/^(?:大后天|后天|明天|明日|明早|明晚|今天|今日|今早|今晚)/))) {
    const w = m[0];
    const days = w === "大后天" ? 3 : w === "后天" ? 2 : w.startsWith("明") ? 1 : 0;
    return { kind: "relative", days, period: w.endsWith("早") ? "早" : w.endsWith("晚") ? "晚" : undefined };
  }
  return reject(`没看懂“${clip(c.s.slice(c.pos).trim())}”是什么时间`);
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
// Standard cron cannot say this, hence the "dL" form (see nextFiring).
function readMonthDay(c: Cursor): string {
  if (c.eat(/^(?:最后一天|最后1天|月底|月末|底|末)/)) return "L";
  const m = c.eat(new RegExp(`^${NUM}\\s*[日号]`));
  if (!m) return reject("每月几号没看懂");
  const d = num(m[1]);
  if (d < 1 || d > 31) reject(`每月没有${d}日，请写1到31日`);
  return d >= 29 ? `${d}L` : String(d);
}

const PERIOD = /^(上午|早上|早晨|清晨|凌晨|早|中午|下午|傍晚|晚上|夜里|夜间|晚)/;
const MORNING = new Set(["上午", "早上", "早晨", "清晨", "凌晨", "早"]);

function readClock(c: Cursor, defaultPeriod: string | undefined): { hour: number; minute: number } {
  const p = c.eat(PERIOD);
  c.skipSpace();
  const period = p?.[1] ?? defaultPeriod;
  let m = c.eat(/^(\d{1,2}):(\d{2})(?!\d)/);
  if (m) return { hour: applyPeriod(period, num(m[1])), minute: checkMinute(num(m[2])) };
  m = c.eat(new RegExp(`^${NUM}\\s*(?:点|时)钟?`));
  if (!m) return reject("请写上几点，比如 20:00 或 晚上8点");
  const hour = applyPeriod(period, num(m[1]));
  if (c.eat(/^半/)) return { hour, minute: 30 };
  if (c.eat(/^[一1]刻/)) return { hour, minute: 15 };
  if (c.eat(/^[三3]刻/)) return { hour, minute: 45 };
  if (c.eat(/^整/)) return { hour, minute: 0 };
  const start = c.pos;
  const digits = c.eat(/^(\d{1,2})(?!\d)分?/);
  if (digits) return { hour, minute: checkMinute(num(digits[1])) };
  const cn = c.eat(new RegExp(`^(${CN_NUM})(分)?`));
  // Without 分 only "十五", "二十", "零五" read as minutes; "8点一起…" is 8:00 followed by text.
  if (cn && (cn[2] || /十|^[零〇]/.test(cn[1]!))) return { hour, minute: checkMinute(num(cn[1])) };
  c.pos = start;
  return { hour, minute: 0 };
}

function applyPeriod(period: string | undefined, hour: number): number {
  if (hour > 23) reject(`没有${hour}点，小时要在0到23之间`);
  if (period === undefined) return hour;
  if (period === "中午") {
    if (hour >= 11 && hour <= 14) return hour;
    if (hour >= 1 && hour <= 2) return hour + 12;
    return reject(`“中午${hour}点”没看懂`);
  }
  if (MORNING.has(period)) {
    if (period === "凌晨" && hour === 12) return 0;
    if (hour <= 12) return hour;
    return reject(`“${period}${hour}点”对不上`);
  }
  if (hour >= 1 && hour <= 11) return hour + 12;
  if (hour === 0 || hour === 12) reject(`“${period}${hour}点”有歧义，请写成 0:00 或 12:00`);
  return hour;
}

function checkMinute(minute: number): number {
  if (minute > 59) reject(`没有${minute}分，分钟要在0到59之间`);
  return minute;
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

function clock(hour: number, minute: number): string {
  return `${hour}:${String(minute).padStart(2, "0")}`;
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

/** "0 20 * * 1,3,5" → "每周一、三、五 20:00"; lines it cannot put in words are quoted. */
function describeCron(expr: string): string {
  const [mi, h, dom, month, dow] = expr.split(" ") as [string, string, string, string, string];
  const fallback = `按 cron 表达式“${expr}”`;
  if (!/^\d+$/.test(mi) || !/^\d+$/.test(h) || month !== "*") return fallback;
  let days: string | null = null;
  if (dom === "*") days = describeDow(dow);
  else if (dow === "*") {
    const d = /^(\d+)(L?)$/.exec(dom);
    if (dom === "L") days = "每月最后一天";
    // A plain 29–31 skips short months; only the "dL" form means "every month".
    else if (d && (d[2] === "L" || Number(d[1]) <= 28)) days = `每月${Number(d[1])}日`;
  }
  return days ? `${days} ${clock(Number(h), Number(mi))}` : fallback;
}

function describeDow(dow: string): string | null {
  if (dow === "*") return "每天";
  const field = parseField(dow, 0, 7, false);
  if (!field) return null;
  const set = new Set([...field.values].map((d) => d % 7));
  if (set.size === 7) return "每天";
  if (set.size === 5 && [1, 2, 3, 4, 5].every((d) => set.has(d))) return "工作日";
  if (set.size === 2 && set.has(0) && set.has(6)) return "每周末";
  return "每周" + MONDAY_FIRST.filter((d) => set.has(d)).map((d) => WEEKDAY_NAMES[d]).join("、");
}

// ---- cron ----

interface Cron {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  lastDay: boolean;
  /** Days from "dL": day d, or the month's last day when it has fewer. */
  clampDays: number[];
  months: Set<number>;
  weekdays: Set<number>;
  dayStar: boolean;
  weekdayStar: boolean;
}

interface Field {
  values: Set<number>;
  lastDay: boolean;
  clampDays: number[];
}

function compileCron(expr: string): Cron {
  const c = compileCronOrReason(expr);
  if (typeof c === "string") throw new Error(`invalid cron expression "${expr}": ${c}`);
  return c;
}

const FIELD_NAMES = ["分钟", "小时", "日", "月", "星期"];
const FIELD_RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function compileCronOrReason(expr: string): Cron | string {
  const parts = expr.trim().toUpperCase().split(/\s+/);
  if (parts.length !== 5) return `cron 表达式要有5段（分 时 日 月 星期），“${expr}”有${parts.length}段`;
  const fields: Field[] = [];
  for (let i = 0; i < 5; i++) {
    const [min, max] = FIELD_RANGES[i]!;
    const f = parseField(parts[i]!, min, max, i === 2);
    if (!f) return `cron 表达式里的${FIELD_NAMES[i]}“${parts[i]}”不对，应在${min}到${max}之间`;
    fields.push(f);
  }
  const [minute, hour, day, month, weekday] = fields as [Field, Field, Field, Field, Field];
  return {
    minutes: [...minute.values].sort((a, b) => a - b),
    hours: [...hour.values].sort((a, b) => a - b),
    days: day.values,
    lastDay: day.lastDay,
    clampDays: day.clampDays,
    months: month.values,
    weekdays: new Set([...weekday.values].map((d) => d % 7)),
    dayStar: parts[2]!.startsWith("*"),
    weekdayStar: parts[4]!.startsWith("*"),
  };
}

function parseField(text: string, min: number, max: number, dayOfMonth: boolean): Field | null {
  const field: Field = { values: new Set(), lastDay: false, clampDays: [] };
  for (const item of text.split(",")) {
    if (dayOfMonth && item === "L") {
      field.lastDay = true;
      continue;
    }
    const clamp = dayOfMonth ? /^(\d{1,2})L$/.exec(item) : null;
    if (clamp) {
      const d = Number(clamp[1]);
      if (d < 1 || d > 31) return null;
      field.clampDays.push(d);
      continue;
    }
    const m = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!m) return null;
    // "5/15" (start with a step) is not in the standard dialect.
    if (m[2] !== undefined && m[3] === undefined && m[4] !== undefined) return null;
    const lo = m[1] ? min : Number(m[2]);
    const hi = m[1] ? max : m[3] !== undefined ? Number(m[3]) : lo;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (lo < min || hi > max || lo > hi || step < 1) return null;
    for (let v = lo; v <= hi; v += step) field.values.add(v);
  }
  return field;
}

function cronMatchesDay(c: Cron, y: number, m: number, d: number, weekday: number): boolean {
  if (!c.months.has(m)) return false;
  const dim = daysInMonth(y, m);
  const dayMatch = c.days.has(d) || (c.lastDay && d === dim) || c.clampDays.some((k) => k === d || (k > dim && d === dim));
  const weekdayMatch = c.weekdays.has(weekday);
  return c.dayStar || c.weekdayStar ? dayMatch && weekdayMatch : dayMatch || weekdayMatch;
}

function nextCronFiring(c: Cron, after: number, timeZone: string): Date | null {
  const w = wallClock(after, timeZone);
  const first = dayNumber(w.y, w.m, w.d);
  // Firings are on whole minutes, so anything in the current wall-clock minute is not after `after`.
  let fromMinute = w.h * 60 + w.mi + 1;
  for (let n = first; n <= first + SEARCH_DAYS; n++, fromMinute = 0) {
    const day = civil(n);
    if (!cronMatchesDay(c, day.y, day.m, day.d, day.wd)) continue;
    for (const h of c.hours) {
      if (h * 60 + 59 < fromMinute) continue;
      for (const mi of c.minutes) {
        if (h * 60 + mi < fromMinute) continue;
        const t = zonedToUtc(day.y, day.m, day.d, h, mi, timeZone);
        if (t > after) return new Date(t);
      }
    }
  }
  return null;
}

export interface DueFirings {
  /** The firing to send now: the latest one still inside the catch-up window. */
  send: Date | null;
  /** Firings to record as skipped: too late, or overtaken by a later one. */
  skipped: Date[];
  /** More firings were skipped than are listed (a long outage of a frequent schedule). */
  truncated: boolean;
  /** The next firing after now, or null when the schedule is over. */
  next: Date | null;
}

/**
 * What to do with a schedule whose pending firing `pending` has come (`pending` ≤ now).
 * A firing missed while the bot was down is still sent if it is at most
 * `catchUpMs` old; of several such, only the latest, so people get one reminder
 * rather than a burst. Everything else is skipped, to be recorded.
 * `dueFirings(daily 20:00, pending 20:00, now 21:30, 2 h)` → send 20:00, next tomorrow 20:00.
 */
export function dueFirings(spec: ScheduleSpec, pending: Date, now: Date, catchUpMs: number, timeZone: string = TIME_ZONE): DueFirings {
  const windowStart = new Date(now.getTime() - catchUpMs);
  // `pending` is a firing in its own right (it was worked out as one), whatever the spec says now.
  let recent: Date[] = [];
  let dropped = false;
  if (pending <= now) {
    if (pending >= windowStart) recent.push(new Date(pending.getTime()));
    // The latest firing must be found however many precede it; only the last MAX_FIRINGS are kept.
    for (let from = new Date(Math.max(pending.getTime(), windowStart.getTime() - 1)); ; ) {
      const chunk = firingsBetween(spec, from, now, timeZone);
      recent.push(...chunk);
      if (recent.length > MAX_FIRINGS) {
        recent = recent.slice(-MAX_FIRINGS);
        dropped = true;
      }
      if (chunk.length < MAX_FIRINGS) break;
      from = chunk.at(-1)!;
    }
  }
  const old: Date[] = [];
  if (pending < windowStart) {
    old.push(new Date(pending.getTime()));
    old.push(...firingsBetween(spec, pending, new Date(windowStart.getTime() - 1), timeZone).slice(0, MAX_FIRINGS - 1));
  }
  const truncated = dropped || old.length >= MAX_FIRINGS;
  const send = recent.at(-1) ?? null;
  return { send, skipped: [...old, ...recent.slice(0, -1)], truncated, next: nextFiring(spec, now, timeZone) };
}

/** A one-off reminder may go out at most this long before its event. */
export const MAX_LEAD_MINUTES = 30 * 24 * 60;

/**
 * How long before a one-off event its reminder goes: "1天", "两小时", "30分钟", "半天"
 * → minutes; null when the text is not such a duration or is out of range.
 */
export function parseLead(text: string): number | null {
  const s = text.normalize("NFKC").trim();
  if (s === "半天") return 12 * 60;
  if (s === "半小时" || s === "半个小时") return 30;
  const m = new RegExp(`^${NUM}\\s*(天|日|个?小时|个?钟头|分钟|分)$`).exec(s);
  if (!m) return null;
  const n = toNumber(m[1]!);
  if (n === null || n < 1) return null;
  const unit = m[2]!;
  const minutes = unit === "天" || unit === "日" ? n * 1440 : unit.startsWith("分") ? n : n * 60;
  return minutes <= MAX_LEAD_MINUTES ? minutes : null;
}
