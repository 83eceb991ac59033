import { describe, expect, it } from "vitest";
import { readPlaceRows } from "../../../src/domain/divisions/place-rows.ts";
import type { Grid } from "../../../src/domain/sheet/grid.ts";

const grid = (rows: Grid["rows"], merges: Grid["merges"] = []): Grid => ({ name: "Sheet1", rows, merges });

describe("readPlaceRows", () => {
  it("reads township, village and code under a title, carrying a township down over its villages", () => {
    const r = readPlaceRows(
      grid(
        [["青溪县村（社区）名单"], ["乡镇（街道）", "村（社区）", "区划代码"], ["青山镇", "东岭村", "３３０１２７１００２０１"], [null, "新建村", null], ["白云乡", null, "330127101"], [], ["白云乡", "南岗村", 330127101203]],
        [{ top: 3, left: 1, bottom: 4, right: 1 }],
      ),
    );
    expect(r).toEqual({
      rows: [
        { row: 3, township: "青山镇", village: "东岭村", code: "330127100201" },
        { row: 4, township: "青山镇", village: "新建村" },
        { row: 5, township: "白云乡", code: "330127101" },
        { row: 7, township: "白云乡", village: "南岗村", code: "330127101203" },
      ],
      errors: [],
    });
  });

  it("reports codes of the wrong length, a village code without a village, repeats and a missing township", () => {
    const r = readPlaceRows(grid([["乡镇", "村", "代码"], [null, "东岭村"], ["青山镇", "东岭村", "3301271002"], ["青山镇", null, "330127100201"], ["青山镇", "西坪村"], ["青山镇", "西坪村"]]));
    expect(r.errors).toEqual([
      "第2行：缺少乡镇",
      "第3行：代码“3301271002”应为9位（乡镇）或12位（村）数字",
      "第4行：12位代码是村的代码，但没有填村名",
      "第6行：与第5行重复",
    ]);
    expect(r.rows.map((x) => x.row)).toEqual([5]);
  });

  it("says what header it needs", () => {
    expect(readPlaceRows(grid([["名称", "代码"], ["青山镇", "330127100"]])).errors).toEqual([expect.stringMatching(/“乡镇”和“村”/)]);
  });
});
