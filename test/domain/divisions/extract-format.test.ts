import { describe, expect, it } from "vitest";
import { parseCountyTree } from "../../../src/domain/divisions/extract-format.ts";

const PROVINCE = [
  "C\t330122\t桐庐县",
  "T\t001\t旧县街道",
  "001\t旧县社区居委会",
  "C\t330127\t淳安县",
  "T\t100\t千岛湖镇",
  "001\t青城社区",
  "201\t进贤村委会",
  "T\t101\t文昌镇",
  "202\t王家源村委会",
  "C\t330182\t建德市",
  "T\t001\t新安江街道",
  "",
].join("\n");

describe("parseCountyTree", () => {
  it("rebuilds full codes from the suffixes and stops at the next county", () => {
    expect(parseCountyTree(PROVINCE, "330127")).toEqual({
      code: "330127",
      name: "淳安县",
      townships: [
        { code: "330127100", name: "千岛湖镇", villages: [{ code: "330127100001", name: "青城社区" }, { code: "330127100201", name: "进贤村委会" }] },
        { code: "330127101", name: "文昌镇", villages: [{ code: "330127101202", name: "王家源村委会" }] },
      ],
    });
  });
  it("reads the first and the last county of a file", () => {
    expect(parseCountyTree(PROVINCE, "330122")?.townships[0]?.villages).toHaveLength(1);
    expect(parseCountyTree(PROVINCE, "330182")?.townships.map((t) => t.name)).toEqual(["新安江街道"]);
  });
  it("says null for a county that is not there", () => {
    expect(parseCountyTree(PROVINCE, "330100")).toBeNull();
  });
});
