// An uploaded workbook's first sheet as a plain Grid (src/domain/sheet/grid.ts).
import type ExcelJS from "exceljs";
import { loadExcelJs } from "./exceljs.ts";
import type { CellValue, Grid, MergedRange } from "../../domain/sheet/grid.ts";

/** Why a file cannot be read, in words a cadre can act on. */
export class UnreadableWorkbook extends Error {}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b]);

/**
 * The first visible worksheet of an .xlsx file as a Grid. Throws UnreadableWorkbook
 * with a Chinese sentence for an old .xls, a file that is not Excel, or an empty workbook.
 */
export async function readFirstSheet(data: Buffer | ArrayBuffer | Uint8Array): Promise<Grid> {
  const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
  if (buffer.subarray(0, 4).equals(OLE_MAGIC)) {
    throw new UnreadableWorkbook("这是旧版 Excel（.xls）或 WPS 表格文件，请在 Excel 或 WPS 中“另存为”.xlsx 格式后再导入。");
  }
  if (!buffer.subarray(0, 2).equals(ZIP_MAGIC)) throw new UnreadableWorkbook("这个文件不是 Excel 表格（.xlsx），请检查后重新选择。");
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    // exceljs's typing predates Node's generic Buffer.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new UnreadableWorkbook("这个 Excel 文件打不开（可能已损坏或加了密码），请另存一份再导入。");
  }
  const sheet = workbook.worksheets.find((ws) => ws.state !== "hidden" && ws.state !== "veryHidden" && ws.rowCount > 0);
  if (!sheet) throw new UnreadableWorkbook("这个 Excel 文件里没有内容。");
  return worksheetGrid(sheet);
}

/** A worksheet's values; merged blocks listed, their covered cells left empty. */
export function worksheetGrid(sheet: ExcelJS.Worksheet): Grid {
  const rows: CellValue[][] = [];
  const numberFormats = new Map<string, string>();
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // A cell merged into another (ValueType.Merge): the master holds the value.
      if (cell.isMerged && cell.master !== cell) return;
      const v = plainValue(cell.value);
      values[c - 1] = v;
      if (typeof v === "number" && cell.numFmt && cell.numFmt !== "General") numberFormats.set(`${r}:${c}`, cell.numFmt);
    });
    rows[r - 1] = Array.from(values, (v) => v ?? null);
  });
  return {
    name: sheet.name,
    rows: Array.from(rows, (r) => r ?? []),
    merges: (sheet.model.merges ?? []).map(parseRange).filter((m): m is MergedRange => m !== null),
    numberFormats,
  };
}

function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("formula" in v || "sharedFormula" in v) return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("hyperlink" in v) return plainValue((v as ExcelJS.CellHyperlinkValue).text);
  return null; // an error value (#N/A…)
}

function parseRange(range: string): MergedRange | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  if (!m) return null;
  return { top: Number(m[2]), left: columnNumber(m[1]!), bottom: Number(m[4]), right: columnNumber(m[3]!) };
}

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}
