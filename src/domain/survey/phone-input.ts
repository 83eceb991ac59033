// Phone numbers as townships type them: full-width digits, spaces and dashes, +86,
// two numbers in one cell, a landline.

import type { CellValue } from "../sheet/grid.ts";
import { isMobile } from "../phone.ts";

export type PhoneResult =
  /** `others`: further numbers in the same cell, for the notes field. */
  | { ok: true; phone: string; others: string[]; notes: string[]; warnings: string[] }
  | { ok: false; reason: string };

const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/**
 * A mainland mobile number (11 digits) from a cell; further numbers come back in
 * `others`, a landline is kept with a warning.
 *
 * `readPhone("１３８ １２３４-５６７８")` → { ok: true, phone: "13812345678", … }
 */
export function readPhone(value: CellValue): PhoneResult {
  const raw = typeof value === "number" ? String(value) : String(value ?? "").trim();
  const text = raw.normalize("NFKC");
  const parts = text
    .split(/[/、,，;；|]|或/)
    .map((p) => p.replace(/[\s\-–—().（）]/g, "").replace(/^(\+?86|0086)(?=1[3-9]\d{9}$)/, ""))
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, reason: "联系电话为空" };
  const notes: string[] = [];
  const warnings: string[] = [];
  const mobiles = parts.filter(isMobile);
  const first = mobiles[0];
  if (first) {
    if (first !== text.trim()) notes.push(`联系电话“${raw}”整理为${first}`);
    const others = parts.filter((p) => p !== first);
    if (others.length) notes.push(`另有号码${others.join("、")}，记入备注`);
    return { ok: true, phone: first, others, notes, warnings };
  }
  const landline = parts.find((p) => LANDLINE.test(p));
  if (landline) {
    warnings.push(`联系电话“${raw}”是座机，不是手机号，短信和微信联系可能用不上`);
    return { ok: true, phone: landline, others: parts.filter((p) => p !== landline), notes, warnings };
  }
  const digits = parts[0]!.replace(/\D/g, "");
  if (/^1\d{10}$/.test(digits)) return { ok: false, reason: `联系电话“${raw}”不是有效的手机号（第二位应为3至9）` };
  if (/^1\d+$/.test(digits)) return { ok: false, reason: `联系电话“${raw}”是${digits.length}位，手机号应为11位` };
  return { ok: false, reason: `联系电话“${raw}”不是手机号` };
}
