// A township survey (摸底表) sheet → one reading per data row, in the cadre's row numbers.

import { cellText, mergeAt, type CellValue, type Grid } from "../sheet/grid.ts";
import { findHeaderRow, isIgnoredHeader, matchHeader, type HeaderColumn, type SurveyField } from "./headers.ts";
import { normaliseRow, type SurveyValues } from "./normalise-row.ts";
import { findDuplicates } from "./duplicates.ts";

export interface SurveyRow {
  /** The Excel row number, as the cadre sees it. */
  row: number;
  status: "ok" | "error";
  values: SurveyValues;
  /** "第5行：身份证号…校验位不符…": why the row cannot be taken. */
  errors: string[];
  /** "第5行：…": taken, but worth a look (a landline, an unknown category recorded as 其他). */
  warnings: string[];
  /** What was changed on the way in ("类别“大学生”→大学毕业生"). */
  notes: string[];
}

export interface SurveyReading {
  sheetName: string;
  /** The title above the header ("青山镇村级后备力量摸底表"), if any. */
  title?: string;
  /** A township named in the title or the 填报单位 line: a hint for rows without one. */
  townshipHint?: string;
  /** The header's last row (1-based); 0 when none was found. */
  headerRow: number;
  columns: HeaderColumn[];
  rows: SurveyRow[];
  /** Rows left out that were not blank: footers, repeated headers, group headings. */
  skipped: { row: number; reason: string }[];
  /** Findings about the whole sheet; "没有找到表头…" leaves rows empty. */
  problems: string[];
}

// Footer lines: signatures, dates, totals, explanations.
const FOOTER =
  /^(填表人|填报人|审核人|审核|制表人|制表|负责人|单位负责人|分管领导|主要领导|联系人|联系电话|填表日期|填报日期|制表日期|审核日期|报送日期|日期|单位|盖章|注|说明|备注)\s*[:：]|^(合计|总计|小计|共计)|[（(]?盖章[)）]?$/;
// "一、" "3." "（二）" before a group heading.
const ORDINAL = /^([一二三四五六七八九十]+[、.]|\d+[、.]|[(（][一二三四五六七八九十\d]+[)）])/;
const SECTION_PLACE = /(村|社区|居委会|嘎查|镇|乡|街道)$/;

/**
 * Read a survey sheet. `today` bounds birth dates. Liberal in what it accepts
 * (headers under a title, synonyms, full-width digits, Excel dates), precise in what it
 * reports: every data row comes back with its Excel row number, errors and notes.
 */
export function readSurvey(grid: Grid, today: Date): SurveyReading {
  const header = findHeaderRow(grid);
  if (!header) {
    return {
      sheetName: grid.name,
      headerRow: 0,
      columns: [],
      rows: [],
      skipped: [],
      problems: [`在“${grid.name}”的前20行里没有找到表头：需要一行写有“姓名”以及“性别”“村”“身份证号”等列名。`],
    };
  }
  const preamble = grid.rows.slice(0, header.row - 1).flatMap((r) => r.map(cellText).filter(Boolean));
  const title = preamble[0];
  const townshipHint = findTownshipHint(preamble);
  const byField = new Map<SurveyField, HeaderColumn>();
  for (const c of header.columns) if (c.field) byField.set(c.field, c);
  // Not fatal: rows may sit under headings such as "一、青山村".
  const problems = byField.has("village") ? [] : ["表头里没有“村”这一列：只能从“一、青山村”这样的分组标题读出各人所在村。"];
  const nameColumn = byField.get("name")!.column;
  const rows: SurveyRow[] = [];
  const skipped: SurveyReading["skipped"] = [];
  const context: { township?: string; village?: string } = {};

  for (let r = header.row + 1; r <= grid.rows.length; r++) {
    const cells = grid.rows[r - 1] ?? [];
    const filled = cells.map((v, i) => ({ column: i + 1, text: cellText(v) })).filter((c) => c.text);
    if (filled.length === 0) continue;
    const nameText = cellText(cells[nameColumn - 1]);
    const first = filled[0]!.text.normalize("NFKC");
    if ((!nameText || FOOTER.test(nameText)) && FOOTER.test(first)) {
      skipped.push({ row: r, reason: `表尾“${truncate(filled[0]!.text)}”` });
      continue;
    }
    if (matchHeader(nameText) === "name" && filled.filter((c) => matchHeader(c.text)).length >= 2) {
      skipped.push({ row: r, reason: "重复的表头" });
      continue;
    }
    if (filled.length === 1) {
      // One cell alone: a group heading ("一、青山村", merged across), a remark, or a person with only a name.
      const only = filled[0]!;
      const wide = (mergeAt(grid, r, only.column)?.right ?? 0) > only.column;
      const heading = sectionPlace(only.text);
      const numbered = ORDINAL.test(only.text.normalize("NFKC").trim());
      if (heading && (wide || numbered || !byField.has("village"))) {
        if (/(镇|乡|街道)$/.test(heading)) {
          context.township = heading;
          delete context.village;
        } else context.village = heading;
        skipped.push({ row: r, reason: `分组标题“${only.text}”` });
        continue;
      }
      if (wide || (only.column !== nameColumn && [...only.text].length > 30)) {
        skipped.push({ row: r, reason: `不是人员信息“${truncate(only.text)}”` });
        continue;
      }
    }
    const input = {
      cells: {} as Partial<Record<SurveyField, CellValue>>,
      formats: {} as Partial<Record<SurveyField, string>>,
      extras: [] as { header: string; text: string }[],
      context: { ...context },
    };
    for (const col of header.columns) {
      const v = cells[col.column - 1] ?? null;
      if (col.field) {
        input.cells[col.field] = v;
        const f = grid.numberFormats?.get(`${r}:${col.column}`);
        if (f) input.formats[col.field] = f;
      } else if (cellText(v) && !isIgnoredHeader(col.header)) input.extras.push({ header: col.header, text: cellText(v) });
    }
    const reading = normaliseRow(input, today);
    rows.push({ row: r, status: "ok", values: reading.values, errors: reading.errors, warnings: reading.warnings, notes: reading.notes });
  }

  for (const d of findDuplicates(rows)) rows.find((x) => x.row === d.row)!.errors.push(d.reason);
  for (const row of rows) {
    row.errors = row.errors.map((e) => `第${row.row}行：${e}`);
    row.warnings = row.warnings.map((w) => `第${row.row}行：${w}`);
    row.status = row.errors.length ? "error" : "ok";
  }
  return { sheetName: grid.name, ...(title ? { title } : {}), ...(townshipHint ? { townshipHint } : {}), headerRow: header.row, columns: header.columns, rows, skipped, problems };
}

function truncate(s: string, n = 20): string {
  const cps = [...s];
  return cps.length > n ? `${cps.slice(0, n).join("")}…` : s;
}

/** "一、青山村（5人）" → "青山村"; null when the text does not name a place. */
function sectionPlace(text: string): string | null {
  const t = text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(ORDINAL, "")
    .replace(/[(（][^)）]*[)）]$/, "")
    .replace(/[:：]$/, "");
  return t.length >= 2 && t.length <= 15 && SECTION_PLACE.test(t) ? t : null;
}

function findTownshipHint(lines: string[]): string | undefined {
  for (const line of lines) {
    const t = line.normalize("NFKC").replace(/\s+/g, "");
    const unit = /(?:填报|报送)?单位[:：]([^(（]+?)(?:党委|党工委|人民政府|政府|组织办|党政办|[(（]|$)/.exec(t);
    if (unit && /(镇|乡|街道)$/.test(unit[1]!)) return unit[1];
    const lead = /^([\u4e00-\u9fa5]{2,8}?(?:镇|乡|街道(?:办事处)?))(?!村振兴)/.exec(t);
    if (lead && !/[县市区]/.test(lead[1]!.slice(0, -1))) return lead[1];
  }
  return undefined;
}
