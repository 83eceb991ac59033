import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { writeRegister, type RegisterRow } from "../../../src/features/register/register-export.ts";

const ZHANG: RegisterRow = {
  name: "张伟", gender: "male", birthYear: 1996, birthMonth: 3, idNumber: "11010519491231002X", phone: "13812345678",
  education: "大学本科", politicalStatus: "共青团员", category: "graduate", source: "self_nomination", stage: "trainee",
  village: "东岭村", specialties: "电商直播", currentPlace: "杭州", notes: null,
};
const LI: RegisterRow = { name: "李娟", category: "veteran", source: "party_recommendation", stage: "prospect", village: "南岗村" };

async function load(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** Row 3's cells by header. */
function firstPerson(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const headers = ws.getRow(2).values as unknown[];
  const values = ws.getRow(3).values as unknown[];
  return Object.fromEntries(headers.map((h, i) => [h, values[i] ?? null]).filter(([h]) => h));
}

describe("register export", () => {
  it("writes one sheet per township, titled, with Chinese headers frozen above the people", async () => {
    const wb = await load(
      (await writeRegister([{ township: "青山镇", rows: [ZHANG] }, { township: "白云乡", rows: [LI] }], { phones: "full", exportedAt: new Date("2026-11-29T17:30:00Z") }))!,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(["青山镇", "白云乡"]);
    const ws = wb.worksheets[0]!;
    // 01:30 on 30 November in Beijing.
    expect(ws.getCell("A1").value).toBe("青山镇村级后备力量名册（2026年11月30日导出）");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(firstPerson(ws)).toMatchObject({ 序号: 1, 姓名: "张伟", 性别: "男", 出生年月: "1996.03", 类别: "大学毕业生", 来源: "个人自荐", 阶段: "培养对象", 联系电话: "13812345678" });
    expect(firstPerson(wb.worksheets[1]!)).toMatchObject({ 姓名: "李娟", 类别: "退役军人", 阶段: "摸底对象", 村: "南岗村" });
  });

  it("masks phone and ID numbers for lists that travel, or leaves the ID column out", async () => {
    const masked = await load((await writeRegister([{ township: "青山镇", rows: [ZHANG] }], { phones: "masked" }))!);
    expect(firstPerson(masked.worksheets[0]!)).toMatchObject({ 联系电话: "138****5678", 身份证号: "110105********002X" });
    const full = await load((await writeRegister([{ township: "青山镇", rows: [ZHANG] }], { phones: "full", idNumbers: "full" }))!);
    expect(firstPerson(full.worksheets[0]!)).toMatchObject({ 身份证号: "11010519491231002X" });
    const none = await load((await writeRegister([{ township: "青山镇", rows: [ZHANG] }], { phones: "masked", idNumbers: "omit" }))!);
    expect(Object.keys(firstPerson(none.worksheets[0]!))).not.toContain("身份证号");
  });

  it("streams rows from an async source into a file", async () => {
    async function* cursor() {
      for (let i = 0; i < 250; i++) yield { ...LI, name: `李${i}` };
    }
    const dir = mkdtempSync(path.join(tmpdir(), "miaopu-export-"));
    try {
      const file = path.join(dir, "名册.xlsx");
      expect(await writeRegister([{ township: "白云乡", rows: cursor() }], { phones: "masked" }, createWriteStream(file))).toBeUndefined();
      const ws = (await load(readFileSync(file))).worksheets[0]!;
      expect(ws.rowCount).toBe(252);
      expect(ws.getCell(252, 3).value).toBe("李249");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps sheet names within Excel's rules", async () => {
    const long = "某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某镇";
    const wb = await load((await writeRegister([{ township: "城关/东区", rows: [] }, { township: long, rows: [] }, { township: long, rows: [] }], { phones: "masked" }))!);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe("城关_东区");
    expect(names.every((n) => [...n].length <= 31)).toBe(true);
    expect(new Set(names).size).toBe(3);
  });
});
