// Reading the arguments of "/打卡": where someone studied, what, and how long.
// Numbers, units, keys and platform names are matched after NFKC; the content
// keeps what the user typed.
import { CN_NUMERAL, parseCnNumber } from "./cn-number.ts";
import { normalise, tokens } from "./command-parser.ts";

export const CHECKIN_USAGE = "/打卡 [平台] [内容] [时长]，例如：/打卡 学习强国 30分钟、/打卡 党校 乡村振兴专题 2小时";

export const CHECKIN_PLATFORMS = ["学习强国", "共产党员网", "党校", "三会一课", "主题党日", "线下学习", "其他"] as const;
export type CheckinPlatform = (typeof CHECKIN_PLATFORMS)[number];

export const MAX_CHECKIN_MINUTES = 600;
export const MAX_CHECKIN_CONTENT = 200;

export interface Checkin {
  platform: CheckinPlatform;
  content: string | null;
  minutes: number | null;
}

export type CheckinResult = { ok: true; value: Checkin } | { ok: false; error: string };

const PLATFORM_ALIASES: Record<string, CheckinPlatform> = {
  强国: "学习强国",
  xxqg: "学习强国",
  党员网: "共产党员网",
  线下: "线下学习",
  其它: "其他",
};

const KEYS = new Set(["平台", "内容", "时长", "分钟"]);

/**
 * `parseCheckin("党校 乡村振兴专题 1.5小时")` → `{ ok: true, value: { platform: "党校", content: "乡村振兴专题", minutes: 90 } }`.
 * The first word is the platform when it names one; a duration counts when it has a
 * unit or is a bare number at the end; the other words are the content. Keys
 * 平台=、内容=、时长=（分钟=） override; a 内容= value goes before the other words.
 */
export function parseCheckin(rest: string): CheckinResult {
  const positional: string[] = [];
  const fields: Record<string, string> = {};
  for (const t of tokens(rest)) {
    const m = /^([^=＝:：]+)([=＝:：])(.+)$/.exec(t);
    const key = m ? normalise(m[1]!) : "";
    if (m && KEYS.has(key)) fields[key] = m[3]!.trim();
    // "地点=党校" is a mistyped key; "党章：第一章" is content that happens to hold a colon.
    else if (m && /[=＝]/.test(m[2]!)) return { ok: false, error: `不认识“${key}”这一项，可以写平台=、内容=、时长=` };
    else positional.push(t);
  }

  const words = [...positional];
  let platform: CheckinPlatform = "其他";
  const first = words[0] === undefined ? null : platformOf(words[0]);
  if (first) {
    platform = first;
    words.shift();
  }

  let minutes: number | null = null;
  const contentWords: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    // "30 分钟", "1小时 20分钟": a duration typed in two words (but "30 20分钟" is not 3020).
    const splitNumber = next !== undefined && /\d$/.test(bare(word)) && /^\d/.test(bare(next));
    const pair = next === undefined || splitNumber ? null : durationOf(word + next, i + 1 === words.length - 1 ? "digits" : "none");
    const found = pair ?? durationOf(word, i === words.length - 1 ? "digits" : "none");
    if (found === null) {
      contentWords.push(word);
      continue;
    }
    if (pair !== null) i++;
    if (minutes !== null) return { ok: false, error: "时长只写一个就好" };
    minutes = found;
  }

  if (fields.平台 !== undefined) {
    const p = platformOf(fields.平台);
    if (!p) return { ok: false, error: `没有“${fields.平台}”这个平台，可以写${CHECKIN_PLATFORMS.join("、")}` };
    platform = p;
  }
  const given = fields.时长 ?? fields.分钟;
  if (given !== undefined) {
    const m = durationOf(given, "any");
    if (m === null) return { ok: false, error: `没看懂时长“${given}”，可以写30分钟或1.5小时` };
    minutes = m;
  }
  if (minutes !== null && (minutes < 1 || minutes > MAX_CHECKIN_MINUTES)) return { ok: false, error: `学习时长要在1到${MAX_CHECKIN_MINUTES}分钟之间` };

  if (fields.内容 !== undefined) contentWords.unshift(fields.内容);
  const content = contentWords.join(" ").trim();
  if ([...content].length > MAX_CHECKIN_CONTENT) return { ok: false, error: `学习内容最多${MAX_CHECKIN_CONTENT}个字` };

  return { ok: true, value: { platform, content: content === "" ? null : content, minutes } };
}

function platformOf(word: string): CheckinPlatform | null {
  const w = bare(word);
  if ((CHECKIN_PLATFORMS as readonly string[]).includes(w)) return w as CheckinPlatform;
  return Object.hasOwn(PLATFORM_ALIASES, w) ? PLATFORM_ALIASES[w]! : null;
}

/** NFKC, lower case, without a full stop or exclamation typed at the end. */
function bare(word: string): string {
  return normalise(word).replace(/[。.!！~～,，]+$/, "");
}

const NUM = `(\\d+(?:\\.\\d+)?|${CN_NUMERAL})`;
const HOUR_UNIT = "(?:小时|钟头|h|hr|hrs|hour|hours)";
const MINUTE_UNIT = "(?:分钟|分|min|mins|minute|minutes|m)";
const WITH_HOURS = new RegExp(`^(?:${NUM}个?(半)?|(半))个?${HOUR_UNIT}(?:(半)|${NUM}${MINUTE_UNIT}?)?$`);
const MINUTES_ONLY = new RegExp(`^${NUM}${MINUTE_UNIT}$`);

/**
 * Minutes in "1.5小时", "一个半小时", "1小时20分钟", "三十分钟", "30min", rounded to
 * whole minutes; null when the word is not a duration. A number without a unit
 * counts as minutes when `bareNumber` allows: "digits" for the last word, "any"
 * (Chinese numerals too) for a 时长= value. The caller checks the range.
 */
function durationOf(word: string, bareNumber: "none" | "digits" | "any"): number | null {
  const w = bare(word);
  let m = WITH_HOURS.exec(w);
  if (m) {
    const [, hourNum, half, onlyHalf, halfAfter, minuteNum] = m;
    let hours: number | null;
    if (onlyHalf) hours = halfAfter ? null : 0.5;
    else {
      hours = toNumber(hourNum!);
      // "一个半小时", "一小时半": a half only after a whole number.
      if (half || halfAfter) hours = hours !== null && Number.isInteger(hours) && !(half && halfAfter) ? hours + 0.5 : null;
    }
    const extra = minuteNum === undefined ? 0 : toNumber(minuteNum);
    if (hours === null || extra === null || !Number.isInteger(extra)) return null;
    return Math.round(hours * 60 + extra);
  }
  m = MINUTES_ONLY.exec(w);
  if (m) {
    const n = toNumber(m[1]!);
    return n !== null && Number.isInteger(n) ? n : null;
  }
  if (bareNumber === "digits" && /^\d+$/.test(w)) return Number(w);
  if (bareNumber === "any") {
    const n = toNumber(w);
    return n !== null && Number.isInteger(n) ? n : null;
  }
  return null;
}

/** A check-in may say "1.5小时": decimals allowed; the range is checked by the caller. */
function toNumber(s: string): number | null {
  return parseCnNumber(s, { decimals: true });
}
