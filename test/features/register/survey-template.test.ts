import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { CATEGORY, SOURCE } from "../../../src/domain/glossary.ts";
import { importSurvey } from "../../../src/features/register/survey-import.ts";
import { surveyTemplate } from "../../../src/features/register/survey-template.ts";

const TODAY = new Date("2026-11-30T00:00:00Z");

async function load(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

type Validation = ExcelJS.DataValidation & { formulae: string[] };

/** The list a column's dropdown offers, read back through the hidden sheet it points to. */
function dropdown(wb: ExcelJS.Workbook, header: string): string[] | null {
  const ws = wb.worksheets[0]!;
  const col = (ws.getRow(2).values as unknown[]).indexOf(header);
  const v = ws.getCell(3, col).dataValidation as Validation | undefined;
  if (!v || v.type !== "list") return null;
  const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)$/.exec(v.formulae[0]!);
  if (!m) return null;
  const list = wb.getWorksheet(m[1]!)!;
  const out: string[] = [];
  for (let r = Number(m[3]); r <= Number(m[4]); r++) out.push(String(list.getCell(`${m[2]}${r}`).value));
  return out;
}

describe("survey template", () => {
  it("offers the glossary's lists as dropdowns, and the township's villages", async () => {
    const wb = await load(await surveyTemplate({ areaName: "青山镇", villages: ["东岭村", "西坪村"] }));
    expect(dropdown(wb, "类别")).toEqual(Object.values(CATEGORY));
    expect(dropdown(wb, "来源")).toEqual(Object.values(SOURCE));
    expect(dropdown(wb, "性别")).toEqual(["男", "女"]);
    expect(dropdown(wb, "学历")).toContain("大学本科");
    expect(dropdown(wb, "政治面貌")).toContain("中共党员");
    expect(dropdown(wb, "村")).toEqual(["东岭村", "西坪村"]);
    expect(dropdown(wb, "姓名")).toBeNull();
    expect(wb.getWorksheet("选项")!.state).toBe("veryHidden");
  });

  it("puts the title over a frozen header, keeps ID and phone columns as text, and explains itself on a second sheet", async () => {
    const wb = await load(await surveyTemplate({ areaName: "青山镇" }));
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A1").value).toBe("青山镇村级后备力量摸底表");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const headers = ws.getRow(2).values as unknown[];
    expect(headers).not.toContain("乡镇");
    expect(ws.getColumn(headers.indexOf("身份证号")).numFmt).toBe("@");
    expect(ws.getColumn(headers.indexOf("联系电话")).numFmt).toBe("@");
    expect(ws.getColumn(headers.indexOf("身份证号")).width).toBeGreaterThanOrEqual(18);
    expect(wb.worksheets[1]!.name).toBe("填表说明");
  });

  it("has a 乡镇 column with the county's townships when made for a county", async () => {
    const wb = await load(await surveyTemplate({ areaName: "青溪县", townships: ["青山镇", "白云乡"] }));
    expect(dropdown(wb, "乡镇")).toEqual(["青山镇", "白云乡"]);
  });

  it("reads back through the importer once filled in, with the township from its title", async () => {
    const wb = await load(await surveyTemplate({ areaName: "青山镇", villages: ["东岭村"] }));
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(2).values as unknown[]).slice(1) as string[];
    const person: Record<string, string> = { 序号: "1", 村: "东岭村", 姓名: "张伟", 性别: "男", 出生年月: "1996.03", 联系电话: "13812345678", 类别: "大学毕业生", 来源: "个人自荐" };
    ws.getRow(3).values = headers.map((h) => person[h] ?? null);
    const reading = await importSurvey(Buffer.from(await wb.xlsx.writeBuffer()), TODAY);
    expect(reading).toMatchObject({ headerRow: 2, townshipHint: "青山镇", problems: [] });
    expect(reading.rows).toMatchObject([{ row: 3, status: "ok", values: { name: "张伟", village: "东岭村", birthYear: 1996, birthMonth: 3, category: "graduate", source: "self_nomination" } }]);
    expect(reading.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual(["序号"]);
  });
});
