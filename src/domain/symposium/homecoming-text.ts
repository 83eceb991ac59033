// Text normalisation and the small numeral reader used by the homecoming parser.
// TODO(merge): the repo has two private numeral readers (checkin.ts, schedule-time.ts);
// `cnInt` here is a third until a shared src/domain/cn-number.ts exists.

const TRADITIONAL: Record<string, string> = {
  臘: "腊", 過: "过", 號: "号", 來: "来", 後: "后", 還: "还", 沒: "没", 會: "会", 個: "个", 週: "周",
  禮: "礼", 農: "农", 曆: "历", 節: "节", 廠: "厂", 時: "时", 說: "说", 確: "确", 兩: "两", 從: "从",
  歸: "归", 車: "车", 喲: "哟", 麼: "么", 裡: "里", 鄉: "乡", 縣: "县", 鎮: "镇", 學: "学", 開: "开",
};

// Misspellings seen in chat: homophones typed by pinyin input, and 念 for 廿 in Wu dialects.
const TYPOS: [RegExp, string][] = [
  [/蜡月|腊越|拉月|辣月/g, "腊月"],
  [/除息|除昔|初夕|除西|出夕/g, "除夕"],
  [/元霄|元肖|圆宵/g, "元宵"],
  [/(腊月|年)念(?=[一二三四五六七八九])/g, "$1廿"],
  [/卅/g, "三十"],
  [/(礼拜|星期|周)天/g, "$1日"],
];

/**
 * NFKC (full-width digits and punctuation), lower case, traditional characters and
 * common misspellings fixed, spaces around a range dash dropped, other runs of spaces
 * turned into a comma so that "1.29回 2.13走" reads as two clauses.
 */
export function normaliseAnswer(text: string): string {
  let s = text.normalize("NFKC").toLowerCase();
  s = [...s].map((c) => TRADITIONAL[c] ?? c).join("");
  for (const [re, to] of TYPOS) s = s.replace(re, to);
  s = s.replace(/\s*[-~～—–]+\s*/g, "-").replace(/\s+/g, "，");
  return s.trim();
}

/** Whether position i of normalised text ends a clause ("." only when not between digits). */
export function isClauseBreak(s: string, i: number): boolean {
  const c = s[i]!;
  if ("，,。!！?？;；\n…".includes(c)) return true;
  return c === "." && !(/\d/.test(s[i - 1] ?? "") && /\d/.test(s[i + 1] ?? ""));
}

export function clauseBounds(s: string, i: number): { start: number; end: number } {
  let start = i;
  while (start > 0 && !isClauseBreak(s, start - 1)) start--;
  let end = i;
  while (end < s.length && !isClauseBreak(s, end)) end++;
  return { start, end };
}

/** Splits normalised text into clauses with their offsets. */
export function clauses(s: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || isClauseBreak(s, i)) {
      if (i > start) out.push({ text: s.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  return out;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Chinese numeral characters a day or count may be written with. */
export const CN_NUM_CHARS = "零〇一二两三四五六七八九十廿";

/** "26", "二十六", "廿六", "十五", "十", "三十一", "两" → the number; null for anything else (up to 99). */
export function cnInt(s: string): number | null {
  if (/^\d{1,3}$/.test(s)) return Number(s);
  const m = /^(?:([一二两三四五六七八九])?(十)|(廿))?([一二两三四五六七八九])?$/.exec(s);
  if (!m || s === "") return null;
  const [, tensDigit, ten, twenty, ones] = m;
  const tens = twenty ? 2 : ten ? (tensDigit ? CN_DIGIT[tensDigit]! : 1) : 0;
  return tens * 10 + (ones ? CN_DIGIT[ones]! : 0);
}

/** The single Chinese digit in "二十六七" after the number: 七 → 7. */
export function cnDigit(c: string): number | null {
  return CN_DIGIT[c] ?? null;
}
