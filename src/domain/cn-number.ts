// Numbers as people type them in chat: Arabic digits, or Chinese numerals up to
// 999 as they are spoken. The one reader for the whole project; each caller
// checks the range it allows (minutes 0–59, a check-in's 1–600 minutes …).

/** A regex source matching a run of Chinese numeral characters (validate the match with `parseCnNumber`). */
export const CN_NUMERAL = "[零〇一二两三四五六七八九十百]+";

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const D = "([一二两三四五六七八九])";
// [hundreds百] then one of: 零d (a zero before the ones), [d]十[d], or a lone d —
// after 百 a lone d is the tens as spoken ("一百五" = 150).
const SPOKEN = new RegExp(`^(?:${D}百)?(?:[零〇]${D}|${D}?(十)${D}?|${D})?$`);

/**
 * "15" → 15, "十五" → 15, "二十三" → 23, "两" → 2, "零五" → 5, "一百零五" → 105,
 * "一百五" → 150 (as spoken), "〇" → 0; with `{ decimals: true }` also "1.5" → 1.5.
 * Null for anything else ("", "百", "一千", "十十", "1.5" without decimals).
 * Full-width digits are read like ASCII ones.
 */
export function parseCnNumber(text: string, opts: { decimals?: boolean } = {}): number | null {
  const s = text.normalize("NFKC");
  if (/^\d+$/.test(s)) return Number(s);
  if (/^\d+\.\d+$/.test(s)) return opts.decimals ? Number(s) : null;
  if (s === "零" || s === "〇") return 0;
  const m = SPOKEN.exec(s);
  if (!m || s === "") return null;
  const [, hundreds, afterZero, tens, ten, ones, single] = m;
  const digit = (c: string | undefined) => (c === undefined ? 0 : DIGIT[c]!);
  const h = digit(hundreds) * 100;
  if (afterZero) return h + digit(afterZero);
  if (ten) return h + (tens ? digit(tens) : 1) * 10 + digit(ones);
  return hundreds ? h + digit(single) * 10 : digit(single);
}

const NAMES = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 0–99 in Chinese numerals, as written: 2 → "二", 10 → "十", 12 → "十二", 30 → "三十"; other values in digits. */
export function formatCnNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return NAMES[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : NAMES[tens]}十${n % 10 ? NAMES[n % 10] : ""}`;
}
