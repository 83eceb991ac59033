// 出生年月 as townships write it: a date cell, "1996.03", "1996-03", "1996年3月", "199603",
// "19960305", a bare year, or an Excel serial number that lost its date format (35125).

import type { CellValue } from "../sheet/grid.ts";

export interface BirthReading {
  year: number;
  month?: number;
  /** How the value was read, when it was not written plainly (shown to the cadre). */
  note?: string;
}

export type BirthResult = ({ ok: true } & BirthReading) | { ok: false; reason: string };

// Excel serial numbers of 1900-01-01 … 2099-12-31 that are not also plausible years.
const SERIAL_MIN = 3000;
const SERIAL_MAX = 73050;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function validMonth(m: number): boolean {
  return Number.isInteger(m) && m >= 1 && m <= 12;
}

function fromParts(text: string, y: number, m?: number, d?: number, note?: string): BirthResult {
  if (m !== undefined && !validMonth(m)) return { ok: false, reason: `出生年月“${text}”的月份${m}不对` };
  if (d !== undefined && m !== undefined) {
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCDate() !== d) return { ok: false, reason: `出生日期“${text}”不存在` };
  }
  return { ok: true, year: y, ...(m !== undefined ? { month: m } : {}), ...(note ? { note } : {}) };
}

function fromSerial(serial: number, text: string): BirthResult {
  const date = new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000);
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + 1;
  return { ok: true, year: y, month: m, note: `出生年月“${text}”是Excel日期序号，读作${y}年${m}月` };
}

/**
 * Read a birth year (and month when given) from a cell. `numberFormat` is the cell's
 * number format, which tells 1996.10 from 1996.1. Range checks are the caller's.
 *
 * `parseBirth("1996年3月")` → { ok: true, year: 1996, month: 3 };
 * `parseBirth(35125)` → { ok: true, year: 1996, month: 3, note: "…Excel日期序号…" }.
 */
export function parseBirth(value: CellValue, numberFormat?: string): BirthResult {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: "出生日期不是有效日期" };
    return { ok: true, year: value.getUTCFullYear(), month: value.getUTCMonth() + 1 };
  }
  if (typeof value === "number") return parseBirthNumber(value, numberFormat);
  const text = String(value ?? "").normalize("NFKC").replace(/\s+/g, "");
  if (!text) return { ok: false, reason: "出生年月为空" };
  let m = /^(\d{4})[.\-/年](\d{1,2})(?:[.\-/月](\d{1,2})日?|月)?$/.exec(text);
  if (m) return fromParts(text, Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined);
  m = /^(\d{4})(\d{2})(\d{2})?$/.exec(text);
  if (m) return fromParts(text, Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined);
  m = /^(\d{4})年?$/.exec(text);
  if (m) return fromParts(text, Number(m[1]));
  m = /^(\d{2})[.\-/年](\d{1,2})月?$/.exec(text);
  if (m) {
    const yy = Number(m[1]);
    // A two-digit year in a survey of working-age people: 00–29 are 2000s, the rest 1900s.
    const y = yy < 30 ? 2000 + yy : 1900 + yy;
    return fromParts(text, y, Number(m[2]), undefined, `出生年月“${text}”按${y}年${Number(m[2])}月读取`);
  }
  if (/^\d+(\.\d+)?$/.test(text)) return parseBirthNumber(Number(text), undefined, text);
  return { ok: false, reason: `出生年月“${text}”看不懂，请写成“1996.03”或“1996年3月”` };
}

function decimalsOf(format: string | undefined): number | undefined {
  const m = /0\.(0+)/.exec(format ?? "");
  return m ? m[1]!.length : undefined;
}

function parseBirthNumber(n: number, format: string | undefined, typed?: string): BirthResult {
  const text = typed ?? String(n);
  if (Number.isInteger(n)) {
    if (n >= 1900 && n <= 2099) return fromParts(text, n);
    if (n >= 190001 && n <= 209912) return fromParts(text, Math.floor(n / 100), n % 100);
    if (n >= 19000101 && n <= 20991231) return fromParts(text, Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
    if (n >= SERIAL_MIN && n <= SERIAL_MAX) return fromSerial(n, text);
    return { ok: false, reason: `出生年月“${text}”看不懂，请写成“1996.03”或“1996年3月”` };
  }
  const year = Math.floor(n);
  if (year < 1900 || year > 2099) {
    if (n >= SERIAL_MIN && n <= SERIAL_MAX) return fromSerial(n, text);
    return { ok: false, reason: `出生年月“${text}”看不懂，请写成“1996.03”或“1996年3月”` };
  }
  // 1996.03 typed into a number cell; its digits after the point are the month. "1996.1" may
  // be January typed short or October whose 0 Excel dropped — unless the format keeps two places.
  const places = decimalsOf(format);
  const digits = typed?.split(".")[1] ?? (places ? n.toFixed(places).split(".")[1]! : String(n).split(".")[1]!);
  if (digits === "1" && places === undefined) return { ok: true, year, note: `出生年月“${text}”可能是1月也可能是10月，只取了年份` };
  return fromParts(text, year, Number(digits.slice(0, 2)));
}
