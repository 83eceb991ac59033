// Citizen ID numbers (公民身份号码, GB 11643-1999): 6 digits of region, 8 of birth date,
// 3 of sequence (odd for men, even for women) and a check character (ISO 7064 MOD 11-2).

import type { Gender } from "../glossary.ts";

export interface IdNumberInfo {
  idNumber: string;
  birth: { year: number; month: number; day: number };
  gender: Gender;
  /** Set when a 15-digit first-generation number was converted to 18 digits. */
  from15?: string;
}

export type IdNumberCheck = ({ ok: true } & IdNumberInfo) | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";
// Provinces (and 81/82/83: residence permits of Hong Kong, Macao and Taiwan residents).
const REGIONS = new Set("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83".split(" "));

/** The check character for the first 17 digits: `idCheckDigit("11010519491231002")` → "X". */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** Full-width digits and X, spaces, a leading apostrophe, lower-case x: as people paste them. */
export function cleanIdText(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s'‘’`-]/g, "").toUpperCase();
}

/**
 * Check an ID number as written in a sheet and read the birth date and gender from it.
 * A 15-digit first-generation number is converted to its 18-digit form (`from15` says so).
 * `today` bounds the birth date.
 *
 * `checkIdNumber("11010519491231002x", today)` → { ok: true, idNumber: "11010519491231002X", gender: "female", … }
 */
export function checkIdNumber(raw: string, today: Date): IdNumberCheck {
  const s = cleanIdText(raw);
  if (!s) return { ok: false, reason: "身份证号为空" };
  let id = s;
  let from15: string | undefined;
  if (/^\d{15}$/.test(s)) {
    from15 = s;
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    id = first17 + idCheckDigit(first17);
  } else if (!/^\d{17}[\dX]$/.test(s)) {
    if (/^\d{17}[\dX]$/.test(s.replace(/[^\dX]/g, ""))) return { ok: false, reason: `身份证号“${raw.trim()}”中夹有其他字符` };
    const len = [...s].length;
    return { ok: false, reason: /^[\dX]+$/.test(s) ? `身份证号应为18位，“${raw.trim()}”是${len}位` : `身份证号“${raw.trim()}”含有数字和X以外的字符` };
  }
  if (!REGIONS.has(id.slice(0, 2))) return { ok: false, reason: `身份证号“${id}”的前两位不是省级地区代码` };
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, reason: `身份证号“${id}”中的出生日期${id.slice(6, 14)}不存在` };
  }
  if (year < 1900 || date.getTime() > today.getTime()) return { ok: false, reason: `身份证号“${id}”中的出生日期${id.slice(6, 14)}不合常理` };
  if (!from15 && idCheckDigit(id) !== id[17]) return { ok: false, reason: `身份证号“${id}”校验位不符，可能有数字填错` };
  const gender: Gender = Number(id[16]) % 2 === 1 ? "male" : "female";
  return { ok: true, idNumber: id, birth: { year, month, day }, gender, ...(from15 ? { from15 } : {}) };
}

/** An ID number for lists people pass around: region and check digits only, "330127********123X". */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return "";
  const cps = [...id];
  if (cps.length < 10) return "*".repeat(cps.length);
  return `${cps.slice(0, 6).join("")}${"*".repeat(cps.length - 10)}${cps.slice(-4).join("")}`;
}
