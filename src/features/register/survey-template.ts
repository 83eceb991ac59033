// The survey template (摸底表模板) a township fills in and the importer reads back:
// the same headers, dropdowns for the fixed lists, ID and phone columns as text.
import type ExcelJS from "exceljs";
import { loadExcelJs } from "../spreadsheet/exceljs.ts";
import { CATEGORY, GENDER, SOURCE } from "../../domain/glossary.ts";
import { FIELD_HEADERS, type SurveyField } from "../../domain/survey/headers.ts";
import { EDUCATION, POLITICAL_STATUS } from "../../domain/survey/fixed-lists.ts";
import { idCheckDigit } from "../../domain/survey/id-number.ts";
import { frozenHeader, layOutSheet, type ColumnSpec } from "../spreadsheet/styles.ts";

export interface TemplateOptions {
  /** "青溪县" or "青山镇": goes into the title. */
  areaName: string;
  /** Townships for the 乡镇 dropdown; leave out for a single township's template (no 乡镇 column then). */
  townships?: string[];
  /** Villages for the 村 dropdown. */
  villages?: string[];
  /** Rows prepared with dropdowns (default 500). */
  rows?: number;
}

const COLUMNS: { field: SurveyField | "index"; width: number; text?: boolean }[] = [
  { field: "index", width: 6 },
  { field: "township", width: 12 },
  { field: "village", width: 12 },
  { field: "name", width: 10 },
  { field: "gender", width: 6 },
  { field: "birth", width: 10, text: true },
  { field: "idNumber", width: 21, text: true },
  { field: "phone", width: 14, text: true },
  { field: "education", width: 10 },
  { field: "politicalStatus", width: 12 },
  { field: "category", width: 14 },
  { field: "source", width: 10 },
  { field: "specialties", width: 16 },
  { field: "currentPlace", width: 14 },
  { field: "notes", width: 20 },
];

const LISTS: Partial<Record<SurveyField, readonly string[]>> = {
  gender: Object.values(GENDER),
  education: EDUCATION,
  politicalStatus: POLITICAL_STATUS,
  category: Object.values(CATEGORY),
  source: Object.values(SOURCE),
};

const EXPLANATIONS: Partial<Record<SurveyField, string>> = {
  name: "必填。",
  village: "必填，写村（社区）名称，如“青山村”。",
  birth: "写成 1996.03 或 1996年3月；填了身份证号可不填。",
  idNumber: "18位；填了身份证号，性别和出生年月可不填，系统会核对。",
  phone: "本人手机号，11位。",
  category: "可多选时写第一个，其余写在备注里。",
  source: "个人自荐、群众举荐或组织推荐。",
  currentPlace: "在外务工、求学的写所在城市。",
};

/**
 * The survey template as an .xlsx buffer: sheet 1 to fill in (title, frozen header,
 * dropdowns), sheet 2 填表说明 with a sample row, a hidden sheet holding the lists.
 *
 * `await surveyTemplate({ areaName: "青山镇", villages: ["青山村", "石门村"] })`
 */
export async function surveyTemplate(options: TemplateOptions): Promise<Buffer> {
  const rows = options.rows ?? 500;
  const columns = COLUMNS.filter((c) => c.field !== "township" || options.townships?.length);
  const header = (f: (typeof columns)[number]["field"]) => (f === "index" ? "序号" : FIELD_HEADERS[f]);
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = "苗圃";
  const nameColumn = columns.findIndex((c) => c.field === "name") + 1;
  const ws = wb.addWorksheet("摸底表", { views: frozenHeader(nameColumn) });
  const notes = wb.addWorksheet("填表说明");
  const lists = wb.addWorksheet("选项", { state: "veryHidden" });

  const specs: ColumnSpec[] = columns.map((c) => ({ header: header(c.field), width: c.width, ...(c.text ? { numFmt: "@" } : {}) }));
  const headerRow = layOutSheet(ws, `${options.areaName}村级后备力量摸底表`, specs);

  const dropdowns: Partial<Record<SurveyField, readonly string[]>> = {
    ...LISTS,
    ...(options.townships?.length ? { township: options.townships } : {}),
    ...(options.villages?.length ? { village: options.villages } : {}),
  };
  let listColumn = 0;
  // exceljs types the worksheet without its dataValidations collection.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  columns.forEach((c, i) => {
    if (c.field === "index") return;
    const values = dropdowns[c.field];
    if (!values?.length) return;
    listColumn++;
    const letter = ws.getColumn(listColumn).letter;
    lists.getCell(1, listColumn).value = header(c.field);
    values.forEach((v, j) => (lists.getCell(j + 2, listColumn).value = v));
    const col = ws.getColumn(i + 1).letter;
    validations.add(`${col}${headerRow + 1}:${col}${headerRow + rows}`, {
      type: "list",
      allowBlank: true,
      formulae: [`'选项'!$${letter}$2:$${letter}$${values.length + 1}`],
      showErrorMessage: true,
      // Only 性别 is strict: other lists accept what a township writes, and the import maps it.
      errorStyle: c.field === "gender" ? "stop" : "warning",
      errorTitle: header(c.field),
      error: `请从下拉列表中选择${header(c.field)}`,
    });
  });

  notes.columns = [{ width: 14 }, { width: 60 }];
  notes.addRow(["填表说明"]).font = { bold: true, size: 14 };
  notes.addRow(["1", "每人一行，从第3行开始填写；不要改动第2行的列名，不要合并单元格。"]);
  notes.addRow(["2", "表格下方可以写填表人、审核人和日期，导入时会自动跳过。"]);
  notes.addRow([]);
  notes.addRow(["列名", "怎么填"]).font = { bold: true };
  for (const c of columns) {
    if (c.field === "index") continue;
    const options = dropdowns[c.field];
    notes.addRow([header(c.field), [EXPLANATIONS[c.field], options ? `可选：${options.join("、")}` : ""].filter(Boolean).join(" ")]);
  }
  notes.addRow([]);
  notes.addRow(["示例（灰色，仅供参考，请勿填在此页）"]).font = { bold: true };
  const sample: Record<string, string> = {
    序号: "1", 乡镇: options.townships?.[0] ?? "", 村: options.villages?.[0] ?? "青山村", 姓名: "张三", 性别: "男", 出生年月: "1996.03",
    身份证号: `11010519960301001${idCheckDigit("11010519960301001")}`, 联系电话: "13800138000", 学历: "大学本科", 政治面貌: "共青团员",
    类别: "大学毕业生", 来源: "个人自荐", 特长: "电商直播", 现工作地: "杭州", 备注: "",
  };
  const heads = columns.map((c) => header(c.field));
  notes.addRow(heads).font = { bold: true, color: { argb: "FF808080" } };
  notes.addRow(heads.map((h) => sample[h] ?? "")).font = { italic: true, color: { argb: "FF808080" } };
  notes.getColumn(1).alignment = { vertical: "top" };
  notes.getColumn(2).alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
