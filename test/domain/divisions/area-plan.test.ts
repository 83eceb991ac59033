import { describe, expect, it } from "vitest";
import { planAreaTree } from "../../../src/domain/divisions/area-plan.ts";
import type { CountyTree } from "../../../src/domain/divisions/extract-format.ts";

const TREE: CountyTree = {
  code: "330127",
  name: "淳安县",
  townships: [
    { code: "330127100", name: "千岛湖镇", villages: [{ code: "330127100001", name: "青城社区" }, { code: "330127100201", name: "进贤村委会" }] },
    { code: "330127101", name: "文昌镇", villages: [{ code: "330127101202", name: "王家源村民委员会" }, { code: "330127101203", name: "隆阜（3）社区居委会" }, { code: "330127101204", name: "隆阜（4）社区居委会" }] },
  ],
};
const COUNTY = { name: "淳安县", code: "330127" };
const villageNames = (r: ReturnType<typeof planAreaTree>, township: string) => r.plan.townships.find((t) => t.name === township)?.villages.map((v) => [v.name, v.code]);

describe("planAreaTree", () => {
  it("takes every township and village from the codes, villages under their usual names", () => {
    const r = planAreaTree(COUNTY, TREE, []);
    expect(r.plan.townships.map((t) => [t.name, t.code])).toEqual([["千岛湖镇", "330127100"], ["文昌镇", "330127101"]]);
    expect(villageNames(r, "千岛湖镇")).toEqual([["青城社区", "330127100001"], ["进贤村", "330127100201"]]);
    expect(r.plan.townships[0]!.villages[1]!.officialName).toBe("进贤村委会");
  });

  it("keeps official names where short ones would clash", () => {
    expect(villageNames(planAreaTree(COUNTY, TREE, []), "文昌镇")).toEqual([
      ["王家源村", "330127101202"],
      ["隆阜(3)社区居委会", "330127101203"],
      ["隆阜(4)社区居委会", "330127101204"],
    ]);
  });

  it("lays the county's own list over the codes: renames by code, matches by name, adds what is missing", () => {
    const r = planAreaTree(COUNTY, TREE, [
      { row: 2, township: "千岛湖镇", village: "进贤新村", code: "330127100201" },
      { row: 3, township: "千岛湖", village: "青城" },
      { row: 4, township: "千岛湖镇", village: "湖滨移民村" },
      { row: 5, township: "新区管委会", village: "一号社区" },
    ]);
    expect(villageNames(r, "千岛湖镇")).toEqual([["青城社区", "330127100001"], ["进贤新村", "330127100201"], ["湖滨移民村", null]]);
    expect(villageNames(r, "新区管委会")).toEqual([["一号社区", null]]);
    expect(r.notes).toEqual([
      "第2行：千岛湖镇“进贤村”按本县名单改名为“进贤新村”",
      "第4行：在千岛湖镇新增村“湖滨移民村”（代码中没有）",
      "第5行：新增乡镇“新区管委会”（代码中没有）",
      "第5行：在新区管委会新增村“一号社区”（代码中没有）",
    ]);
    expect(r.errors).toEqual([]);
  });

  it("refuses a code of another county and a name that could be two villages", () => {
    const r = planAreaTree(COUNTY, TREE, [
      { row: 2, township: "千岛湖镇", village: "某村", code: "330122001001" },
      { row: 3, township: "文昌镇", village: "隆阜" },
    ]);
    expect(r.errors).toEqual([
      "第2行：代码330122001001不属于淳安县（330127）",
      "第3行：“隆阜”在文昌镇有2个：隆阜（3）社区居委会、隆阜（4）社区居委会，请写全名或填代码",
    ]);
  });

  it("builds a county the codes lack from its own list alone", () => {
    const r = planAreaTree({ name: "青溪县", code: null }, null, [{ row: 2, township: "青山镇", village: "东岭村" }]);
    expect(r.plan).toEqual({ county: { name: "青溪县", code: null }, townships: [{ name: "青山镇", code: null, villages: [{ name: "东岭村", code: null }] }] });
  });
});
