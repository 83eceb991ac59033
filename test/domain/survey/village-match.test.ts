import { describe, expect, it } from "vitest";
import { matchVillages, type VillageRef } from "../../../src/domain/survey/village-match.ts";

const V: VillageRef[] = [
  { id: 1, name: "东岭村", township: "青山镇", path: "/1/2/1/" },
  { id: 2, name: "东岭社区", township: "青山镇", path: "/1/2/2/" },
  { id: 3, name: "西坪村", township: "青山镇", path: "/1/2/3/" },
  { id: 4, name: "西坪村", township: "白云乡", path: "/1/5/4/" },
  { id: 5, name: "南岗村委会", township: "白云乡", path: "/1/5/5/" },
];
const names = (name: string, township?: string) => matchVillages(V, name, township).map((v) => `${v.township}${v.name}`);

describe("matchVillages", () => {
  it("prefers the exact name, then the usual spellings of it", () => {
    expect(names("东岭村")).toEqual(["青山镇东岭村"]);
    expect(names("南岗村")).toEqual(["白云乡南岗村委会"]);
    expect(names("南岗")).toEqual(["白云乡南岗村委会"]);
  });
  it("returns every village a loose name may mean", () => {
    expect(names("东岭")).toEqual(["青山镇东岭村", "青山镇东岭社区"]);
    expect(names("西坪村")).toEqual(["青山镇西坪村", "白云乡西坪村"]);
  });
  it("narrows by township, however it is spelled", () => {
    expect(names("西坪村", "白云")).toEqual(["白云乡西坪村"]);
    expect(names("西坪村", "白云乡")).toEqual(["白云乡西坪村"]);
    expect(names("东岭村", "白云乡")).toEqual([]);
  });
});
