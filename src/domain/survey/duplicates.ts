// The same person twice in one survey: the same ID number, or the same name in the
// same village where an ID number does not tell them apart.

import type { SurveyValues } from "./normalise-row.ts";

export interface Duplicate {
  row: number;
  reason: string;
}

/** The later rows of each duplicate pair, with a reason naming the earlier one. */
export function findDuplicates(rows: { row: number; values: SurveyValues }[]): Duplicate[] {
  const byId = new Map<string, number>();
  const byName = new Map<string, { row: number; idNumber?: string; township?: string }[]>();
  const found: Duplicate[] = [];
  for (const { row, values } of rows) {
    const { idNumber, name, village, township } = values;
    if (idNumber) {
      const earlier = byId.get(idNumber);
      if (earlier !== undefined) {
        found.push({ row, reason: `与第${earlier}行身份证号相同，重复填报` });
        continue;
      }
      byId.set(idNumber, row);
    }
    if (!name || !village) continue;
    const key = `${village}/${name}`;
    const same = byName.get(key) ?? [];
    // Two people of one name in one village are common; their ID numbers tell them apart.
    // A township left out on one row does not tell them apart.
    const clash = same.find((s) => (!s.idNumber || !idNumber) && (!s.township || !township || s.township === township));
    if (clash) found.push({ row, reason: `与第${clash.row}行姓名、村都相同，疑似重复（若是同名的两个人，请都填上身份证号）` });
    same.push({ row, ...(idNumber ? { idNumber } : {}), ...(township ? { township } : {}) });
    byName.set(key, same);
  }
  return found;
}
