// Survey import against messy sheets built the way townships fill them in
// (test/support/survey-workbooks.ts): every person read right, every fault reported on
// its own row, nothing that is not a person taken for one.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { importSurvey, type SurveyReading } from "../../../src/features/register/survey-import.ts";
import { messySurvey, type ExpectedRow, type Fault } from "../../support/survey-workbooks.ts";

const TODAY = new Date("2026-11-30T00:00:00Z");

// The words a cadre must see for each fault.
const FAULT_WORDS: Record<Exclude<Fault, "unknownCategory">, RegExp> = {
  badChecksum: /校验位/,
  idAsNumber: /存成了数字/,
  shortPhone: /11位/,
  genderConflict: /性别填的是.+身份证号显示为/,
  duplicateId: /与第\d+行身份证号相同/,
  missingName: /缺少姓名/,
  birthConflict: /出生年月填的是.+身份证号显示为/,
};

function check(reading: SurveyReading, e: ExpectedRow): string[] {
  const got = reading.rows.find((r) => r.row === e.row);
  if (!got) return [`row ${e.row} missing`];
  const wrong: string[] = [];
  if (e.fault && e.fault !== "unknownCategory") {
    if (got.status !== "error") wrong.push(`row ${e.row} (${e.fault}) read as ok`);
    else if (!got.errors.some((m) => m.startsWith(`第${e.row}行：`) && FAULT_WORDS[e.fault as keyof typeof FAULT_WORDS].test(m))) wrong.push(`row ${e.row} (${e.fault}): ${got.errors.join(" | ")}`);
    if (e.duplicateOf && !got.errors.some((m) => m.includes(`第${e.duplicateOf}行`))) wrong.push(`row ${e.row}: duplicate does not name row ${e.duplicateOf}`);
    return wrong;
  }
  if (got.status !== "ok") return [`row ${e.row} should be ok: ${got.errors.join(" | ")}`];
  const p = e.person;
  const v = got.values;
  const want = {
    name: p.name,
    gender: p.gender,
    birthYear: p.birthYear,
    ...(e.monthGiven ? { birthMonth: p.birthMonth } : {}),
    ...(e.idGiven ? { idNumber: p.idNumber } : {}),
    ...(e.phoneGiven ? { phone: p.phone } : {}),
    village: p.village,
    category: e.fault === "unknownCategory" ? "other" : p.category,
    source: p.source,
    education: p.education,
    politicalStatus: p.politicalStatus,
  };
  for (const [k, x] of Object.entries(want)) if (v[k as keyof typeof v] !== x) wrong.push(`row ${e.row} ${k}: ${String(v[k as keyof typeof v])} ≠ ${String(x)} (notes: ${got.notes.join(" | ")})`);
  if (e.fault === "unknownCategory" && !got.warnings.some((w) => /记为“其他”/.test(w))) wrong.push(`row ${e.row}: unknown category without a warning`);
  return wrong;
}

describe("survey import on messy township sheets", () => {
  // Forty sheets: eight of each layout, different headers, value forms and faults each time.
  const seeds = Array.from({ length: 40 }, (_, i) => i + 1);

  it.each(seeds)("sheet %i: every person read, every fault on its row", async (seed) => {
    const sheet = await messySurvey(seed);
    const reading = await importSurvey(sheet.buffer, TODAY);
    expect(reading.headerRow).toBeGreaterThan(0);
    expect(reading.rows.map((r) => r.row)).toEqual(sheet.expected.map((e) => e.row));
    expect(sheet.expected.flatMap((e) => check(reading, e))).toEqual([]);
    for (const n of sheet.nonData) expect(reading.skipped.map((s) => s.row)).toContain(n);
  });
});

describe("survey import of files that are not a survey", () => {
  it("asks for .xlsx when given an old .xls", async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const r = await importSurvey(xls, TODAY);
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([expect.stringMatching(/另存为.*\.xlsx/)]);
  });

  it("says a text file is no Excel file", async () => {
    expect((await importSurvey(Buffer.from("姓名,村\n张三,青山村"), TODAY)).problems).toEqual([expect.stringMatching(/不是 Excel/)]);
  });

  it("reads rich text, formulas and a sheet that starts lower down", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.getCell("B4").value = "姓名";
    ws.getCell("C4").value = { richText: [{ text: "所在" }, { text: "村", font: { bold: true } }] };
    ws.getCell("D4").value = "出生年月";
    ws.getCell("B5").value = { richText: [{ text: "张" }, { text: "三" }] };
    ws.getCell("C5").value = { formula: 'CONCATENATE("青山","村")', result: "青山村" };
    ws.getCell("D5").value = new Date(Date.UTC(1996, 2, 5));
    const r = await importSurvey(Buffer.from(await wb.xlsx.writeBuffer()), TODAY);
    expect(r.rows).toMatchObject([{ row: 5, status: "ok", values: { name: "张三", village: "青山村", birthYear: 1996, birthMonth: 3 } }]);
  });
});
