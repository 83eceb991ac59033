import { describe, expect, it } from "vitest";
import { findHeaderRow, matchHeader } from "../../../src/domain/survey/headers.ts";
import type { Grid } from "../../../src/domain/sheet/grid.ts";

describe("matchHeader", () => {
  it.each([
    ["姓  名", "name"],
    ["姓名*", "name"],
    ["身份证号码", "idNumber"],
    ["公民身份号码", "idNumber"],
    ["身份证号\n（18位）", "idNumber"],
    ["出生年月\n(如1990.01)", "birth"],
    ["出生日期", "birth"],
    ["联系电话（手机）", "phone"],
    ["手机号码", "phone"],
    ["文化程度", "education"],
    ["村（社区）", "village"],
    ["所在村(社区)", "village"],
    ["乡镇（街道）", "township"],
    ["人员类别", "category"],
    ["推荐方式", "source"],
    ["特长爱好", "specialties"],
    ["现居住地", "currentPlace"],
    ["务工地", "currentPlace"],
  ])("%j → %s", (header, field) => {
    expect(matchHeader(header)).toBe(field);
  });

  it("does not mistake neighbouring words", () => {
    expect(matchHeader("出生地")).toBeNull();
    expect(matchHeader("籍贯")).toBeNull();
    expect(matchHeader("村民小组")).toBeNull();
    expect(matchHeader("序号")).toBeNull();
  });
});

const grid = (rows: Grid["rows"], merges: Grid["merges"] = []): Grid => ({ name: "Sheet1", rows, merges });

describe("findHeaderRow", () => {
  it("finds the header under a merged title and a 填报单位 line", () => {
    const g = grid(
      [["青山镇村级后备力量摸底表"], ["填报单位：青山镇党委", null, null, "填报日期：2025年3月"], ["序号", "姓名", "性别", "村"], [1, "张三", "男", "青山村"]],
      [{ top: 1, left: 1, bottom: 1, right: 4 }],
    );
    expect(findHeaderRow(g)).toEqual({
      row: 3,
      columns: [
        { column: 1, header: "序号", field: null },
        { column: 2, header: "姓名", field: "name" },
        { column: 3, header: "性别", field: "gender" },
        { column: 4, header: "村", field: "village" },
      ],
    });
  });

  it("reads a header over two rows: 姓名 merged down, sub-headers under a group title", () => {
    const g = grid(
      [["姓名", "基本情况", null, "联系方式"], [null, "性别", "出生年月", "手机"], ["张三", "男", "1996.03", "13812345678"]],
      [{ top: 1, left: 1, bottom: 2, right: 1 }, { top: 1, left: 2, bottom: 1, right: 3 }],
    );
    const h = findHeaderRow(g);
    expect(h?.row).toBe(2);
    expect(h?.columns.map((c) => c.field)).toEqual(["name", "gender", "birth", "phone"]);
  });

  it("gives a second column for the same field no field, so its values go to the notes", () => {
    const h = findHeaderRow(grid([["姓名", "现工作地", "现居住地"]]));
    expect(h?.columns.map((c) => c.field)).toEqual(["name", "currentPlace", null]);
  });

  it("finds nothing without a 姓名 column", () => {
    expect(findHeaderRow(grid([["村", "性别"], ["青山村", "男"]]))).toBeNull();
  });
});
