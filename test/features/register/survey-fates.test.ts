// Row fates against an in-memory county: the rules a database-backed lookup will follow.
import { describe, expect, it } from "vitest";
import { decideFates, type ExistingCandidate, type SurveyLookup } from "../../../src/features/register/survey-fates.ts";
import { readSurvey } from "../../../src/domain/survey/read-survey.ts";
import { matchVillages, type VillageRef } from "../../../src/domain/survey/village-match.ts";
import { idCheckDigit } from "../../../src/domain/survey/id-number.ts";
import type { Grid } from "../../../src/domain/sheet/grid.ts";

const TODAY = new Date("2026-11-30T00:00:00Z");
const id = (first17: string) => first17 + idCheckDigit(first17);
const ZHANG = id("33012719960315001");
const LI = id("33012719900101002");
const OUTSIDER = id("33012719880808003");

// 青溪县 /1/: 青山镇 /1/2/ and 白云乡 /1/5/.
const VILLAGES: VillageRef[] = [
  { id: 3, name: "东岭村", township: "青山镇", path: "/1/2/3/" },
  { id: 4, name: "西坪村", township: "青山镇", path: "/1/2/4/" },
  { id: 6, name: "西坪村", township: "白云乡", path: "/1/5/6/" },
  { id: 7, name: "南岗村", township: "白云乡", path: "/1/5/7/" },
];

function county(existing: ExistingCandidate[]): SurveyLookup {
  return {
    findVillage: (name, township) => matchVillages(VILLAGES, name, township),
    findExisting: (key) =>
      existing.find((c) => ("idNumber" in key ? c.idNumber === key.idNumber : c.name === key.name && c.villageId === key.villageId)) ?? null,
  };
}

const QINGSHAN = { name: "青山镇", path: "/1/2/" };
const HEAD = ["姓名", "乡镇", "村", "身份证号", "联系电话", "类别", "备注"];
const sheet = (...rows: Grid["rows"]) => readSurvey({ name: "摸底表", rows: [["青山镇后备力量摸底表"], HEAD, ...rows], merges: [] }, TODAY);

describe("decideFates", () => {
  it("creates a new person in the village the row names", async () => {
    const fates = await decideFates(sheet(["张伟", "", "东岭", ZHANG, "13812345678", "大学生", ""]), county([]), QINGSHAN);
    expect(fates).toEqual([
      {
        row: 3,
        fate: "create",
        village: VILLAGES[0],
        data: { name: "张伟", idNumber: ZHANG, gender: "male", birthYear: 1996, birthMonth: 3, phone: "13812345678", category: "graduate" },
        warnings: [],
      },
    ]);
  });

  it("updates a person found by ID number with what changed, never clearing a field", async () => {
    const existing: ExistingCandidate = { id: 41, name: "张伟", villageId: 3, villagePath: "/1/2/3/", idNumber: ZHANG, phone: "13900000000", category: "graduate", notes: "在外务工", specialties: "驾驶" };
    const [fate] = await decideFates(sheet(["张伟", "", "东岭村", ZHANG, "13812345678", "", "春节返乡"]), county([existing]), QINGSHAN);
    expect(fate).toMatchObject({ fate: "update", candidateId: 41 });
    const changes = fate!.fate === "update" ? fate!.changes : [];
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: "phone", from: "13900000000", to: "13812345678" },
        { field: "notes", from: "在外务工", to: "在外务工；春节返乡" },
      ]),
    );
    expect(changes.map((c) => c.field)).not.toContain("specialties");
    expect(changes.map((c) => c.field)).not.toContain("category");
  });

  it("skips a person whose record already says everything the row says", async () => {
    const existing: ExistingCandidate = { id: 41, name: "张伟", villageId: 3, villagePath: "/1/2/3/", idNumber: ZHANG, gender: "male", birthYear: 1996, birthMonth: 3, phone: "13812345678" };
    expect(await decideFates(sheet(["张伟", "", "东岭村", ZHANG, "13812345678", "", ""]), county([existing]), QINGSHAN)).toEqual([
      { row: 3, fate: "skip", candidateId: 41, reason: "与已登记的信息一致" },
    ]);
  });

  it("finds a person by name and village when the row has no ID number, and fills the ID in later", async () => {
    const existing: ExistingCandidate = { id: 42, name: "李娟", villageId: 4, villagePath: "/1/2/4/", idNumber: null };
    const [fate] = await decideFates(sheet(["李娟", "青山镇", "西坪村", LI, "", "", ""]), county([existing]), QINGSHAN);
    expect(fate).toMatchObject({ fate: "update", candidateId: 42, changes: expect.arrayContaining([{ field: "idNumber", from: null, to: LI }]) });
  });

  it("creates a namesake whose ID number differs, with a warning", async () => {
    const existing: ExistingCandidate = { id: 42, name: "李娟", villageId: 4, villagePath: "/1/2/4/", idNumber: OUTSIDER };
    const [fate] = await decideFates(sheet(["李娟", "青山镇", "西坪村", LI, "", "", ""]), county([existing]), QINGSHAN);
    expect(fate).toMatchObject({ fate: "create", warnings: [expect.stringMatching(/已有一位李娟/)] });
  });

  it("uses the township to tell same-named villages apart, or the sheet's title when the row has none", async () => {
    const scope = { name: "青溪县", path: "/1/" };
    const [withTownship] = await decideFates(sheet(["李娟", "白云乡", "西坪村", "", "", "", ""]), county([]), scope);
    expect(withTownship).toMatchObject({ fate: "create", village: { id: 6 } });
    const [fromTitle] = await decideFates(sheet(["李娟", "", "西坪村", "", "", "", ""]), county([]), scope);
    expect(fromTitle).toMatchObject({ fate: "create", village: { id: 4 } });
    const untitled = readSurvey({ name: "Sheet1", rows: [HEAD, ["李娟", "", "西坪村", "", "", "", ""]], merges: [] }, TODAY);
    expect(await decideFates(untitled, county([]), scope)).toEqual([{ row: 2, fate: "error", errors: ["第2行：“西坪村”有2处（青山镇、白云乡），请填写乡镇"] }]);
  });

  it("refuses villages it cannot find, or finds outside the importer's area", async () => {
    const fates = await decideFates(
      sheet(["甲", "", "北塘村", "", "", "", ""], ["乙", "白云乡", "东岭村", "", "", "", ""], ["丙", "白云乡", "南岗村", "", "", "", ""]),
      county([]),
      QINGSHAN,
    );
    expect(fates.map((f) => (f.fate === "error" ? f.errors : f.fate))).toEqual([
      ["第3行：县里没有“北塘村”这个村，请核对村名"],
      ["第4行：白云乡没有“东岭村”，青山镇有，请核对乡镇"],
      ["第5行：白云乡南岗村不在你管辖的青山镇范围内"],
    ]);
  });

  it("will not touch a record outside the importer's area found by ID number", async () => {
    const existing: ExistingCandidate = { id: 50, name: "王强", villageId: 7, villagePath: "/1/5/7/", idNumber: OUTSIDER };
    const [fate] = await decideFates(sheet(["王强", "", "东岭村", OUTSIDER, "", "", ""]), county([existing]), QINGSHAN);
    expect(fate).toMatchObject({ fate: "error", errors: [expect.stringMatching(/管辖范围以外/)] });
  });

  it("refuses a second row that lands on the same registered person", async () => {
    const existing: ExistingCandidate = { id: 41, name: "张伟", villageId: 3, villagePath: "/1/2/3/", idNumber: ZHANG };
    const fates = await decideFates(sheet(["张伟", "", "东岭村", ZHANG, "", "", ""], ["张伟", "", "东岭村", "", "13812345678", "", ""]), county([existing]), QINGSHAN);
    expect(fates[1]).toEqual({ row: 4, fate: "error", errors: [expect.stringMatching(/与第3行/)] });
  });

  it("keeps the reader's errors", async () => {
    const [fate] = await decideFates(sheet(["", "", "东岭村", "", "", "", ""]), county([]), QINGSHAN);
    expect(fate).toEqual({ row: 3, fate: "error", errors: ["第3行：缺少姓名"] });
  });
});
