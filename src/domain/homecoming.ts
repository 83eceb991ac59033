// Reads a reserve's answer to "你什么时候回家？" for a season's symposium: whether they
// are coming home, the day they arrive and the day they leave.
//
// Reading conventions (the fixture in test/domain/homecoming.fixture.ts follows them):
// - A pair of days ("腊月二十六七") gives the first to arrive and the last to leave.
// - "X前" is the day before X, "X后"/"过了X"/"X过完" the day after; "X前后/左右" is X.
// - "过完年"/"年后" is 正月初六 (破五 is over; most factories restart on 初七 or 初八);
//   "年前", "过年", "过几天" name no day.
// - 月初 the 1st, 上旬/初几 the 5th, 中旬/月中/十几号 the 15th, 下旬/二十几号 the 25th,
//   月底 the last day; a month alone ("8月份") is its first day to arrive and its last
//   to leave. "二十几号" with no month names no day.
// - At Spring Festival a number without 号 or a month is a lunar day: 腊月 to arrive,
//   正月 to leave ("二十八回，十六走"); with 号 it is a Gregorian day ("28号").
// - A bare "10号" is the first 10th on or after the date named before it, or today.
// - "放假就回": at summer the county's window opens; at Spring Festival the break differs
//   by employer and school, so the answer is "coming" with no day.
// - "已经到家"/"一直在村里": arriving today.
// - An arrival outside the season (a summer answer "国庆回", or after the window closes)
//   is unclear: they will likely miss this season's meeting, but the answer does not say
//   so, and the organiser should ask rather than have Miaopu decide.
// - A day in a clause that says no ("年三十回不去，初二能到家") does not count; any day
//   someone says they arrive on outweighs a "no" elsewhere in the answer.
import { dayIndex, isoOfIndex, type IsoDate } from "./symposium/calendar-day.ts";
import { findMentions, type DateContext, type HomecomingSeason, type Mention, type Role } from "./symposium/homecoming-dates.ts";
import { clauseBounds, clauses, cnInt, normaliseAnswer } from "./symposium/homecoming-text.ts";
import { DEFAULT_XIAONIAN, type XiaonianStyle } from "./symposium/lunar-days.ts";
import { DEFAULT_SEASONS, seasonIn, type SeasonWindow } from "./symposium/seasons.ts";

export type { HomecomingSeason } from "./symposium/homecoming-dates.ts";

export type HomecomingAnswer =
  | { status: "coming"; from: IsoDate | null; to: IsoDate | null }
  | { status: "not_coming" }
  | { status: "unclear" };

export interface HomecomingOptions {
  season: HomecomingSeason;
  /** The holiday's year: 2027 for Spring Festival 2027, even when asked in December 2026. */
  year: number;
  /** Today in Beijing time, "YYYY-MM-DD". */
  today: IsoDate;
  /** The county's window for the season; the configured defaults when absent. */
  window?: SeasonWindow;
  xiaonian?: XiaonianStyle;
}

/**
 * How long before the window an arrival still belongs to the season: students break
 * for winter from mid-December, but for summer only from late June. An arrival after
 * the window has closed misses the season.
 */
const LEAD_DAYS: Record<HomecomingSeason, number> = { spring_festival: 45, summer: 30 };

// Saying no: "回不去", "今年不回了", "在外地过年", "留校" — but not "不回复" or "不回厂".
const NEGATIVE =
  /不回(?![复答应信头厂]|消息|公司|单位|学校|去上班)|回不(?:去|来|了|成|到)|(?:没法|没办法|不能|不方便)回|(?:不|没)(?:打算|准备|考虑|想)回|就地过年|在外(?:地|面|边|头)?过年|在[^家村屋乡镇，,。]{1,6}过年|留(?:在)?[^，,。家村]{0,6}过年|留校|(?<!放)不放假|放不了假|走不开|脱不开身|请不到假|请不了假/;
// Work over the holiday says no when nothing else in the answer says yes.
const WEAK_NEGATIVE = /值班|加班|没(?:有)?假/;
// Not knowing whether: a day in the same clause is a wish, not a plan.
const WHETHER = /回不回|能不能|能否|不知道|不确定|不一定|说不准|说不好|不好说|回得去回不去|回得来回不来/;
const HEDGE =
  /看情况|看安排|再说|没定|未定|待定|没想好|还没想|可能|也许|或许|说不定|到时候看|再看|看吧|看看|不清楚|争取|尽量|看(?:厂里|单位|公司|老板|学校|工作)|看[^，,。]{0,6}(?:放不放|给不给)/;

const CITIES =
  "深圳|广州|东莞|佛山|中山|珠海|惠州|上海|北京|天津|杭州|宁波|温州|义乌|苏州|无锡|常州|南京|武汉|成都|重庆|西安|厦门|福州|泉州|长沙|郑州|合肥|南昌|昆明|济南|青岛|大连|沈阳|哈尔滨|海口|三亚|乌鲁木齐|拉萨|广东|浙江|江苏|福建|外地|省外|国外";
const PLACES_OF_WORK = "厂|公司|单位|学校|校|城|工地|部队|岗|店|医院|项目";

// Words that look like cues but are not: visiting relatives is not leaving.
const NOT_A_CUE =
  /^(?:走亲戚|走访|走走|走动|走一走|回娘家|回礼|回复|回消息|回信|回你|回头|到时候?|到底|到处|去年|到了再说|(?:收|看|听|想|遇|找|做|得|报|迟|说|提|接|见|达|感|受|考虑|注意|轮|不|用|拿)到)/;
const LEAVE_AFTER = new RegExp(
  `^(?:(?:回|去|到|返)(?:${CITIES}|${PLACES_OF_WORK})|回去(?:上班|工作|上学|打工)|返程|返回|返校|返岗|返工|离开|离家|动身|出门|出去|开工|复工|上班|开学|走|返)`,
);
const RETURN_AFTER = /^回去/;
const ARRIVE_AFTER = /^(?:回来|回家|回村|回老家|回乡|返乡|到家|到村|到屋|到达|抵达|落地|回到|到|回)/;
// "1月15号放假": the day the break starts, a weaker sign of the arrival than "到家".
const BREAK_AFTER = /^放(?:寒|暑)?假/;
const LEAVE_BEFORE = /(?:待|呆|住|留|玩|在家|一直)(?:到|至)$/;
const ARRIVE_BEFORE = /(?:到家|回到家|回来|回家|从)[^，,。]{0,4}$/;
const RANGE_GAP = /^(?:到|至|-|~|—|–|一直到)$/;
// "初六初七走", "初六或初七": one approximate day.
const PAIR_GAP = /^(?:|、|或者?)$/;

const DURATION =
  /(?:待|呆|住|在家|玩|陪|歇|休息)[上个]?(半|\d{1,3}|[一二两三四五六七八九十]{1,3})(个)?(半)?(天|日|周|星期|礼拜|月)/;

type Cue = Role | "return" | "break" | null;

interface Item {
  mention: Mention;
  cue: Cue;
  /** Dropped: the second day of a range read as one approximate day. */
  skip?: boolean;
}

/** The first cue in `s` from `from` up to `to`, skipping words that only look like one. */
function cueAfter(s: string, from: number, to: number): Cue {
  for (let i = from; i < to; i++) {
    const rest = s.slice(i, to);
    const not = NOT_A_CUE.exec(rest);
    if (not) {
      i += not[0].length - 1;
      continue;
    }
    if (LEAVE_AFTER.test(rest)) return "leave";
    if (RETURN_AFTER.test(rest)) return "return";
    if (ARRIVE_AFTER.test(rest)) return "arrive";
    if (BREAK_AFTER.test(rest)) return "break";
  }
  return null;
}

function cueBefore(s: string, from: number, to: number): Cue {
  const before = s.slice(from, to);
  if (LEAVE_BEFORE.test(before)) return "leave";
  if (ARRIVE_BEFORE.test(before)) return "arrive";
  return null;
}

/** Whether a clause says they come home ("回来过年", "暑假在家"), leaving words aside. */
function hasComingWord(clause: string): boolean {
  if (/(?<!不)在(?:家|村|老家)/.test(clause)) return true;
  for (let i = 0; i < clause.length; i++) {
    const rest = clause.slice(i);
    const skip = NOT_A_CUE.exec(rest) ?? LEAVE_AFTER.exec(rest);
    if (skip) i += skip[0].length - 1;
    else if (RETURN_AFTER.test(rest) || ARRIVE_AFTER.test(rest) || BREAK_AFTER.test(rest)) return true;
  }
  return false;
}

/** Days in a stay named after the arrival: "待一个星期" 7, "待半个月" 15, "住一个半月" 45. */
function durationDays(s: string): number | null {
  const m = DURATION.exec(s);
  if (!m) return null;
  const [, num, ge, half, unit] = m;
  let n = num === "半" ? 0.5 : cnInt(num!);
  if (n === null || (num === "半" && !ge && unit !== "天")) return null;
  if (half) n += 0.5;
  const days = unit === "月" ? 30 : unit === "天" || unit === "日" ? 1 : 7;
  return Math.round(n * days);
}

/**
 * Reads an answer to "when are you home?".
 *
 * @example
 * parseHomecoming("估计腊月二十六七能到家吧，初六就得回厂里了", { season: "spring_festival", year: 2027, today: "2027-01-18" })
 * // → { status: "coming", from: "2027-02-02", to: "2027-02-11" }
 * parseHomecoming("今年不回了，单位要值班", …) // → { status: "not_coming" }
 * parseHomecoming("看情况吧", …)              // → { status: "unclear" }
 */
export function parseHomecoming(text: string, options: HomecomingOptions): HomecomingAnswer {
  const s = normaliseAnswer(text);
  const window = options.window ?? seasonIn(DEFAULT_SEASONS.find((d) => d.kind === options.season)!, options.year).window;
  const ctx: DateContext = {
    season: options.season,
    year: options.year,
    today: dayIndex(options.today),
    window: { start: dayIndex(window.start), end: dayIndex(window.end) },
    xiaonian: options.xiaonian ?? DEFAULT_XIAONIAN,
  };
  const parts = clauses(s);
  const negativeAt = (i: number) => {
    const c = parts.find((p) => i >= p.start && i < p.end)?.text ?? "";
    return NEGATIVE.test(c) && !WHETHER.test(c);
  };
  const saysNo = parts.some((p) => NEGATIVE.test(p.text) && !WHETHER.test(p.text));

  const mentions = findMentions(s, ctx).filter((m) => !negativeAt(m.start));
  const items = readCues(s, mentions);
  const stay = assignDays(s, items, ctx);

  if (stay.arrivesExplicitly === false && saysNo) return { status: "not_coming" };
  if (stay.from === null && stay.to === null) {
    if (saysNo) return { status: "not_coming" };
    const yes =
      mentions.some((m) => m.answersWhen) || parts.some((p) => !HEDGE.test(p.text) && !WHETHER.test(p.text) && hasComingWord(p.text));
    if (yes) return { status: "coming", from: null, to: null };
    if (WEAK_NEGATIVE.test(s) && !HEDGE.test(s) && !WHETHER.test(s)) return { status: "not_coming" };
    return { status: "unclear" };
  }
  if (stay.doubted) return { status: "unclear" };

  const earliest = ctx.window.start - LEAD_DAYS[ctx.season];
  let { from, to } = stay;
  if (from !== null && (from < earliest || from > ctx.window.end)) return { status: "unclear" };
  if (to !== null && to < earliest) return { status: "unclear" };
  if (from !== null && to === null) {
    const days = durationDays(s.slice(stay.fromEnd));
    if (days !== null && days > 0) to = from + days - 1;
  }
  if (from !== null && to !== null && to < from) {
    if (!stay.toExplicit) to = null;
    else return { status: "unclear" };
  }
  return { status: "coming", from: from === null ? null : isoOfIndex(from), to: to === null ? null : isoOfIndex(to) };
}

/** Each date's cue: what follows it ("二十八回"), else what comes before it ("待到元宵"); ranges pair up. */
function readCues(s: string, mentions: Mention[]): Item[] {
  const items: Item[] = mentions.map((mention, k) => {
    const { start: cStart, end: cEnd } = clauseBounds(s, mention.start);
    const next = mentions[k + 1];
    const prev = mentions[k - 1];
    const cue =
      mention.role ??
      cueAfter(s, mention.end, Math.min(cEnd, next?.start ?? cEnd)) ??
      cueBefore(s, Math.max(cStart, prev?.end ?? cStart), mention.start);
    return { mention, cue };
  });
  for (let k = 0; k + 1 < items.length; k++) {
    const a = items[k]!;
    const b = items[k + 1]!;
    const gap = s.slice(a.mention.end, b.mention.start);
    if (PAIR_GAP.test(gap) && a.cue === null && b.cue !== null) {
      // The earlier day to arrive, the later to leave.
      if (b.cue === "leave") a.skip = true;
      else b.skip = true;
      if (b.cue !== "leave") a.cue = b.cue;
      k++;
      continue;
    }
    if (!RANGE_GAP.test(gap)) continue;
    const after = b.cue;
    if (after === "arrive" || after === "return") {
      // "腊月二十到二十五之间回": an approximate arrival, read at its first day.
      a.cue = "arrive";
      b.skip = true;
    } else if (after === "leave" && a.cue !== "arrive") {
      a.skip = true;
    } else {
      a.cue = "arrive";
      b.cue = "leave";
    }
    k++;
  }
  let arrived = false;
  for (const it of items) {
    if (it.skip) continue;
    if (it.cue === "return") it.cue = arrived ? "leave" : "arrive";
    if (it.cue === "arrive") arrived = true;
  }
  return items.filter((it) => !it.skip);
}

interface Stay {
  from: number | null;
  to: number | null;
  /** Where the arrival was named, for a stay length after it ("待一周"). */
  fromEnd: number;
  toExplicit: boolean;
  /** Whether anything in the answer says they arrive (false: only a leaving day or none). */
  arrivesExplicitly: boolean;
  /** The arrival day sits in a clause that doubts it ("不知道腊月二十八能不能回"). */
  doubted: boolean;
}

function assignDays(s: string, items: Item[], ctx: DateContext): Stay {
  // Resolve in order; a bare "9号" to leave comes after the day named before it, one
  // to arrive after today. A date without a cue is provisionally an arrival.
  let previous = ctx.today;
  const days = items.map((it) => {
    const role: Role = it.cue === "leave" ? "leave" : "arrive";
    const n = it.mention.resolve(role, role === "leave" ? previous : ctx.today);
    if (n !== null) previous = n;
    return n;
  });
  const stay: Stay = { from: null, to: null, fromEnd: s.length, toExplicit: false, arrivesExplicitly: false, doubted: false };
  // The arrival: the first dated day said with an arrival word, else with 放假, else without a cue.
  stay.arrivesExplicitly = items.some((it) => it.cue === "arrive" || it.cue === "break");
  const firstDated = (cue: Cue) => items.findIndex((it, k) => it.cue === cue && days[k] !== null);
  let arrivalIndex = firstDated("arrive");
  if (arrivalIndex < 0) arrivalIndex = firstDated("break");
  if (arrivalIndex < 0) arrivalIndex = firstDated(null);
  if (arrivalIndex >= 0) {
    stay.from = days[arrivalIndex]!;
    stay.fromEnd = items[arrivalIndex]!.mention.end;
    const c = clauseBounds(s, items[arrivalIndex]!.mention.start);
    stay.doubted = WHETHER.test(s.slice(c.start, c.end));
    if (items[arrivalIndex]!.cue === null) stay.arrivesExplicitly = true;
  }
  // Of several leaving days ("厂里初十开工，我初八走") the earliest is when they are gone.
  const leaving = days.filter((n, k) => items[k]!.cue === "leave" && n !== null) as number[];
  if (leaving.length > 0) {
    stay.to = Math.min(...leaving);
    stay.toExplicit = true;
  } else {
    // A second date without a cue, after the arrival: the day they leave.
    for (let k = arrivalIndex + 1; k < items.length && arrivalIndex >= 0; k++) {
      if (items[k]!.cue !== null) continue;
      const n = items[k]!.mention.resolve("leave", stay.from ?? ctx.today);
      if (n !== null && stay.from !== null && n > stay.from) {
        stay.to = n;
        break;
      }
    }
  }
  return stay;
}
