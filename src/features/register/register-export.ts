// The register (名册) as an .xlsx workbook: one sheet per township (一乡一册), written
// row by row so a county's whole pool never sits in memory as a workbook.
import { PassThrough, type Writable } from "node:stream";
import type ExcelJS from "exceljs";
import { loadExcelJs } from "../spreadsheet/exceljs.ts";
import { CATEGORY, GENDER, SOURCE, STAGE, type Category, type Gender, type Source, type Stage } from "../../domain/glossary.ts";
import { maskPhone } from "../../domain/phone.ts";
import { maskIdNumber } from "../../domain/survey/id-number.ts";
import { frozenHeader, layOutSheet, sheetName, type ColumnSpec } from "../spreadsheet/styles.ts";

export interface RegisterRow {
  name: string;
  gender?: Gender | null;
  birthYear?: number | null;
  birthMonth?: number | null;
  idNumber?: string | null;
  phone?: string | null;
  education?: string | null;
  politicalStatus?: string | null;
  category: Category;
  source: Source;
  stage: Stage;
  village: string;
  specialties?: string | null;
  currentPlace?: string | null;
  notes?: string | null;
}

export interface RegisterSheet {
  /** The township's name; also the sheet's. */
  township: string;
  rows: Iterable<RegisterRow> | AsyncIterable<RegisterRow>;
}

export interface RegisterExportOptions {
  /** After each township's name in its sheet's title (default "村级后备力量名册"). */
  title?: string;
  /** Whole phone numbers, or 138****1234 (for lists that travel). */
  phones: "full" | "masked";
  /** Default "masked": 330127********123X. */
  idNumbers?: "full" | "masked" | "omit";
  /** Printed after the title, as the date in China: "（2026年11月30日导出）". */
  exportedAt?: Date;
}

const CHINA_DATE = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });

const COLUMNS: (ColumnSpec & { key: string })[] = [
  { key: "index", header: "序号", width: 6 },
  { key: "village", header: "村", width: 12 },
  { key: "name", header: "姓名", width: 10 },
  { key: "gender", header: "性别", width: 6 },
  { key: "birth", header: "出生年月", width: 10 },
  { key: "idNumber", header: "身份证号", width: 21, numFmt: "@" },
  { key: "phone", header: "联系电话", width: 14, numFmt: "@" },
  { key: "education", header: "学历", width: 10 },
  { key: "politicalStatus", header: "政治面貌", width: 12 },
  { key: "category", header: "类别", width: 14 },
  { key: "source", header: "来源", width: 10 },
  { key: "stage", header: "阶段", width: 10 },
  { key: "specialties", header: "特长", width: 16 },
  { key: "currentPlace", header: "现工作地", width: 14 },
  { key: "notes", header: "备注", width: 24 },
];

function cells(row: RegisterRow, index: number, options: RegisterExportOptions, columns: typeof COLUMNS): (string | number)[] {
  const ids = options.idNumbers ?? "masked";
  const value: Record<string, string | number> = {
    index,
    village: row.village,
    name: row.name,
    gender: row.gender ? GENDER[row.gender] : "",
    birth: row.birthYear ? (row.birthMonth ? `${row.birthYear}.${String(row.birthMonth).padStart(2, "0")}` : String(row.birthYear)) : "",
    idNumber: ids === "full" ? (row.idNumber ?? "") : maskIdNumber(row.idNumber),
    phone: !row.phone ? "" : options.phones === "full" ? row.phone : maskPhone(row.phone),
    education: row.education ?? "",
    politicalStatus: row.politicalStatus ?? "",
    category: CATEGORY[row.category],
    source: SOURCE[row.source],
    stage: STAGE[row.stage],
    specialties: row.specialties ?? "",
    currentPlace: row.currentPlace ?? "",
    notes: row.notes ?? "",
  };
  return columns.map((c) => value[c.key] ?? "");
}

/**
 * Write the register. With `output` it streams there and resolves when the file is
 * complete; without, it resolves to the file as a Buffer. Rows may be an async
 * iterable (a database cursor): they are written and released one at a time.
 *
 * `await writeRegister([{ township: "青山镇", rows }], { phones: "masked" })`
 */
export async function writeRegister(sheets: RegisterSheet[], options: RegisterExportOptions, output?: Writable): Promise<Buffer | undefined> {
  const sink = output ?? new PassThrough();
  const chunks: Buffer[] = [];
  if (!output) sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("finish", resolve);
    sink.on("error", reject);
  });
  const wb = new (await loadExcelJs()).stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  wb.creator = "苗圃";
  const columns = COLUMNS.filter((c) => c.key !== "idNumber" || options.idNumbers !== "omit");
  const taken = new Set<string>();
  const stamp = options.exportedAt ? `（${CHINA_DATE.format(options.exportedAt)}导出）` : "";
  const title = options.title ?? "村级后备力量名册";
  for (const sheet of sheets.length ? sheets : [{ township: "名册", rows: [] }]) {
    const ws = wb.addWorksheet(sheetName(sheet.township, taken), { views: frozenHeader(3) });
    // The streaming sheet takes the same layout calls as a plain one; exceljs types them apart.
    layOutSheet(ws as unknown as ExcelJS.Worksheet, `${sheet.township}${title}${stamp}`, columns);
    ws.getRow(1).commit();
    ws.getRow(2).commit();
    let index = 0;
    for await (const row of sheet.rows) ws.addRow(cells(row, ++index, options, columns)).commit();
    ws.commit();
  }
  await wb.commit();
  await done;
  return output ? undefined : Buffer.concat(chunks);
}
