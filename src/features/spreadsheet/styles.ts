// The look every workbook Miaopu writes shares: a merged title, a bold shaded header
// frozen in place, widths that fit Chinese text.
import type ExcelJS from "exceljs";

export interface ColumnSpec {
  header: string;
  /** In characters; a CJK character counts as about two. */
  width: number;
  /** "@" keeps ID and phone numbers as text, so Excel never rounds them. */
  numFmt?: string;
}

const THIN = { style: "thin", color: { argb: "FFBFBFBF" } } as const;

/**
 * Rows 1–2 (title and header) and the first `columns` columns stay in view. Passed when
 * the sheet is added: a streaming sheet takes its views only then.
 */
export function frozenHeader(columns = 0): Partial<ExcelJS.WorksheetView>[] {
  return [{ state: "frozen", ySplit: 2, xSplit: columns, activeCell: "A3" }];
}

/** Title on row 1 (merged across), headers on row 2, widths set. Returns the header row's number. */
export function layOutSheet(ws: ExcelJS.Worksheet, title: string, columns: ColumnSpec[]): number {
  ws.columns = columns.map((c) => ({ width: c.width, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.getCell(1).font = { bold: true, size: 16 };
  titleRow.getCell(1).alignment = { horizontal: "center", vertical: "middle" };
  titleRow.height = 30;
  if (columns.length > 1) ws.mergeCells(1, 1, 1, columns.length);
  const header = ws.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  });
  header.height = 24;
  return 2;
}

/** Excel's limits on sheet names: 31 characters, none of []:*?/\ , unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = [...wanted.replace(/[[\]:*?/\\]/g, "_").trim()].slice(0, 31).join("") || "Sheet";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${[...base].slice(0, 31 - String(i).length - 1).join("")}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}
