import { describe, expect, it } from "vitest";
import { findDuplicates } from "../../../src/domain/survey/duplicates.ts";

describe("findDuplicates", () => {
  it("flags the later row of the same ID number, naming the earlier", () => {
    const rows = [
      { row: 3, values: { name: "张三", village: "青山村", idNumber: "A" } },
      { row: 9, values: { name: "张叁", village: "石门村", idNumber: "A" } },
    ];
    expect(findDuplicates(rows)).toEqual([{ row: 9, reason: "与第3行身份证号相同，重复填报" }]);
  });

  it("flags the same name in the same village when no ID number tells them apart", () => {
    const rows = [
      { row: 3, values: { name: "张三", village: "青山村", idNumber: "A" } },
      { row: 4, values: { name: "张三", village: "青山村" } },
    ];
    expect(findDuplicates(rows)).toEqual([{ row: 4, reason: expect.stringMatching(/与第3行姓名、村都相同/) }]);
  });

  it("lets namesakes with different ID numbers, or in different villages or townships, be", () => {
    const rows = [
      { row: 3, values: { name: "张三", village: "青山村", idNumber: "A" } },
      { row: 4, values: { name: "张三", village: "青山村", idNumber: "B" } },
      { row: 5, values: { name: "张三", village: "石门村" } },
      { row: 6, values: { name: "李四", township: "青山镇", village: "新村" } },
      { row: 7, values: { name: "李四", township: "白云乡", village: "新村" } },
    ];
    expect(findDuplicates(rows)).toEqual([]);
  });
});
