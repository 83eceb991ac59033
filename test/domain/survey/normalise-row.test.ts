import { describe, expect, it } from "vitest";
import { normaliseRow, type RowInput } from "../../../src/domain/survey/normalise-row.ts";
import { idCheckDigit } from "../../../src/domain/survey/id-number.ts";

const TODAY = new Date("2026-11-30T00:00:00Z");
const WOMAN_1996 = "33012719960315002";
const ID = WOMAN_1996 + idCheckDigit(WOMAN_1996);

const row = (cells: RowInput["cells"], extra: Partial<RowInput> = {}) => normaliseRow({ cells, extras: [], ...extra }, TODAY);

describe("normaliseRow", () => {
  it("takes gender and birth from the ID number when the sheet leaves them out, and says so", () => {
    const r = row({ name: "李娟", idNumber: ID, village: "青山村" });
    expect(r.errors).toEqual([]);
    expect(r.values).toMatchObject({ gender: "female", birthYear: 1996, birthMonth: 3, idNumber: ID });
    expect(r.notes).toEqual(expect.arrayContaining([expect.stringMatching(/性别按身份证号/), expect.stringMatching(/出生年月按身份证号/)]));
  });

  it("reports a gender or birth that contradicts the ID number", () => {
    expect(row({ name: "李娟", gender: "男", idNumber: ID, village: "青山村" }).errors).toEqual(["性别填的是男，身份证号显示为女"]);
    expect(row({ name: "李娟", birth: "1997.03", idNumber: ID, village: "青山村" }).errors).toEqual(["出生年月填的是1997年3月，身份证号显示为1996年3月"]);
    expect(row({ name: "李娟", birth: "1996", idNumber: ID, village: "青山村" }).values).toMatchObject({ birthYear: 1996, birthMonth: 3 });
  });

  it("explains an ID number Excel turned into a rounded number", () => {
    expect(row({ name: "李娟", idNumber: 330127199603150020, village: "青山村" }).errors).toEqual([expect.stringMatching(/存成了数字.*文本/)]);
  });

  it("maps synonyms of the fixed lists and shows each mapping", () => {
    const r = row({ name: "王强", village: "青山村", category: "退伍军人", source: "自荐", education: "大专", politicalStatus: "党员", gender: "男性" });
    expect(r.values).toMatchObject({ category: "veteran", source: "self_nomination", education: "大学专科", politicalStatus: "中共党员", gender: "male" });
    expect(r.notes).toEqual(expect.arrayContaining(["类别“退伍军人”→退役军人", "来源“自荐”→个人自荐", "学历“大专”→大学专科", "政治面貌“党员”→中共党员"]));
  });

  it("keeps the first known category of several and the rest in the notes", () => {
    const r = row({ name: "王强", village: "青山村", category: "大学生、退伍军人" });
    expect(r.values.category).toBe("graduate");
    expect(r.values.notes).toBe("另属：退役军人");
  });

  it("records an unknown category as 其他 with a warning, keeping what was written", () => {
    const r = row({ name: "王强", village: "青山村", category: "网格员" });
    expect(r.errors).toEqual([]);
    expect(r.values).toMatchObject({ category: "other", notes: "类别原填：网格员" });
    expect(r.warnings).toEqual([expect.stringMatching(/网格员.*记为“其他”/)]);
  });

  it("keeps an unlisted education as written, with a warning", () => {
    const r = row({ name: "王强", village: "青山村", education: "函授本科" });
    expect(r.values.education).toBe("函授本科");
    expect(r.warnings).toEqual([expect.stringMatching(/函授本科.*按原文保存/)]);
  });

  it("squeezes padding out of a Chinese name but not out of others", () => {
    expect(row({ name: "张　三", village: "青山村" }).values.name).toBe("张三");
    expect(row({ name: "阿依古丽 · 买买提", village: "青山村" }).values.name).toBe("阿依古丽·买买提");
  });

  it("needs a name and a village; a heading above may give the village", () => {
    expect(row({ gender: "男" }).errors).toEqual(["缺少姓名", "缺少所在村"]);
    const r = row({ name: "王强" }, { context: { village: "青山村" } });
    expect(r.values.village).toBe("青山村");
    expect(r.notes).toContain("村按上方分组标题取“青山村”");
  });

  it("keeps columns no field claims in the notes, with their header", () => {
    const r = row({ name: "王强", village: "青山村", notes: "在外务工" }, { extras: [{ header: "民族", text: "汉" }] });
    expect(r.values.notes).toBe("在外务工；民族：汉");
  });

  it("rejects a birth year no reserve can have", () => {
    expect(row({ name: "王强", village: "青山村", birth: "2019.05" }).errors).toEqual(["出生年份2019不合常理，请核对"]);
  });
});
