// The committed extract (assets/divisions/) read through the loader.
import { describe, expect, it } from "vitest";
import { loadCountyTree, loadDivisionIndex, searchCounties } from "../../../src/features/areas/divisions.ts";

describe("division extract", () => {
  it("holds the whole country as the 2023 codes count it", async () => {
    const index = await loadDivisionIndex();
    expect(index.counties).toHaveLength(2978);
    expect(index.counties.reduce((n, c) => n + c.townshipCount, 0)).toBe(41352);
    expect(index.counties.reduce((n, c) => n + c.villageCount, 0)).toBe(620573);
    expect(new Set(index.counties.map((c) => c.province.code)).size).toBe(31);
  });

  it("finds Beijing's and Changchun's 朝阳区 and tells them apart", async () => {
    const found = await searchCounties("朝阳区");
    expect(found.map((c) => [c.code, c.label])).toEqual([
      ["110105", "北京市朝阳区"],
      ["220104", "吉林省长春市朝阳区"],
    ]);
  });

  it("loads a county's townships and villages with nested codes, as many as the index says", async () => {
    const [county] = await searchCounties("淳安县");
    const tree = await loadCountyTree(county!.code);
    expect(tree?.name).toBe("淳安县");
    expect(tree!.townships).toHaveLength(county!.townshipCount);
    expect(tree!.townships.flatMap((t) => t.villages)).toHaveLength(county!.villageCount);
    for (const t of tree!.townships) {
      expect(t.code).toMatch(new RegExp(`^${county!.code}\\d{3}$`));
      for (const v of t.villages) expect(v.code).toMatch(new RegExp(`^${t.code}\\d{3}$`));
    }
    expect(tree!.townships.map((t) => t.name)).toContain("千岛湖镇");
  });

  it("answers null for a code that is no county", async () => {
    expect(await loadCountyTree("330100")).toBeNull();
    expect(await loadCountyTree("33012")).toBeNull();
  });
});
