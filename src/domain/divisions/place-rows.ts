// A county's own list of townships and villages (columns 乡镇, 村, optional 代码), for
// places the national codes lack or name differently.

import { cellText, type Grid } from "../sheet/grid.ts";
import { findSheetHeader } from "../sheet/header-row.ts";
import { normalisePlaceText } from "./place-name.ts";

export interface PlaceRow {
  /** Excel row number. */
  row: number;
  township: string;
  village?: string;
  /** 9 digits (a township) or 12 (a village). */
  code?: string;
}

export interface PlaceSheetReading {
  rows: PlaceRow[];
  /** "第5行：…" for rows that cannot be used; the sheet-level problem when there is no header. */
  errors: string[];
}

type PlaceField = "township" | "village" | "code";

const HEADERS: Record<string, PlaceField> = {
  乡镇: "township", 乡镇街道: "township", 乡镇名称: "township", 镇: "township", 乡: "township", 街道: "township", 所属乡镇: "township", 镇街: "township",
  村: "village", 村社区: "village", 村居: "village", 社区: "village", 村名: "village", 村名称: "village", 行政村: "village", 村委会: "village", 村居委会: "village",
  代码: "code", 编码: "code", 区划代码: "code", 行政区划代码: "code", 统计代码: "code", 统计用区划代码: "code", 村代码: "code", 区划编码: "code",
};

function matchPlaceHeader(text: string): PlaceField | null {
  const h = normalisePlaceText(text).replace(/[(（]社区[)）]/, "社区").replace(/[(（][^)）]*[)）]/g, "").replace(/[*：:]/g, "");
  return HEADERS[h] ?? null;
}

/**
 * Read the rows of a 乡镇/村 sheet. A township written once above its villages (or merged
 * down over them) carries down; codes may be written with full-width digits or spaces.
 *
 * `readPlaceRows(grid)` → { rows: [{ row: 2, township: "青山镇", village: "东岭村", code: "330127100201" }], errors: [] }
 */
export function readPlaceRows(grid: Grid): PlaceSheetReading {
  const header = findSheetHeader(grid, matchPlaceHeader, "township");
  if (!header || !header.columns.some((c) => c.field === "village")) {
    return { rows: [], errors: ["没有找到表头：需要一行写有“乡镇”和“村”两列（可再加“代码”列）。"] };
  }
  const col = (f: PlaceField) => header.columns.find((c) => c.field === f)?.column;
  const [tCol, vCol, cCol] = [col("township")!, col("village")!, col("code")];
  const rows: PlaceRow[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  let township = "";
  for (let r = header.row + 1; r <= grid.rows.length; r++) {
    const cells = grid.rows[r - 1] ?? [];
    const t = normalisePlaceText(cellText(cells[tCol - 1]));
    const v = normalisePlaceText(cellText(cells[vCol - 1]));
    const rawCode = cCol ? cellText(cells[cCol - 1]) : "";
    if (!t && !v && !rawCode) continue;
    if (t) township = t;
    if (!township) {
      errors.push(`第${r}行：缺少乡镇`);
      continue;
    }
    const code = normalisePlaceText(rawCode).replace(/[-_]/g, "");
    if (code && !/^(\d{9}|\d{12})$/.test(code)) {
      errors.push(`第${r}行：代码“${rawCode}”应为9位（乡镇）或12位（村）数字`);
      continue;
    }
    if (code.length === 12 && !v) {
      errors.push(`第${r}行：12位代码是村的代码，但没有填村名`);
      continue;
    }
    const key = `${township}/${v}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      errors.push(`第${r}行：与第${earlier}行重复`);
      continue;
    }
    seen.set(key, r);
    rows.push({ row: r, township, ...(v ? { village: v } : {}), ...(code ? { code } : {}) });
  }
  return { rows, errors };
}
