import { describe, expect, it } from "vitest";
import { readSurvey } from "../../../src/domain/survey/read-survey.ts";
import type { Grid } from "../../../src/domain/sheet/grid.ts";

const TODAY = new Date("2026-11-30T00:00:00Z");
const grid = (rows: Grid["rows"], merges: Grid["merges"] = []): Grid => ({ name: "摸底表", rows, merges });
const HEAD = ["序号", "姓名", "性别", "村", "类别"];

describe("readSurvey", () => {
  it("numbers rows as Excel does, skipping blank rows, and reads the title's township", () => {
    const r = readSurvey(
      grid([["白云乡村级后备力量摸底表"], HEAD, [1, "张三", "男", "东岭村", "大学生"], [], [2, "李四", "女", "西坪村", "致富能手"]], [{ top: 1, left: 1, bottom: 1, right: 5 }]),
      TODAY,
    );
    expect(r.rows.map((x) => [x.row, x.status, x.values.name])).toEqual([
      [3, "ok", "张三"],
      [5, "ok", "李四"],
    ]);
    expect(r).toMatchObject({ title: "白云乡村级后备力量摸底表", townshipHint: "白云乡", headerRow: 2, problems: [] });
  });

  it("takes the township from the 填报单位 line", () => {
    const r = readSurvey(grid([["后备力量摸底表"], ["填报单位：石门镇党委（盖章）"], HEAD, [1, "张三", "男", "东岭村", ""]]), TODAY);
    expect(r.townshipHint).toBe("石门镇");
  });

  it("skips footers, totals and a header repeated for printing, and says which rows", () => {
    const r = readSurvey(
      grid([
        HEAD,
        [1, "张三", "男", "东岭村", ""],
        HEAD,
        [2, "李四", "女", "西坪村", ""],
        ["合计", null, null, null, "2人"],
        [],
        [null, "填表人：王五", null, "审核人：赵六"],
        ["联系电话：0571-6500000"],
        ["注：此表一式两份。"],
      ]),
      TODAY,
    );
    expect(r.rows.map((x) => x.row)).toEqual([2, 4]);
    expect(r.skipped.map((s) => s.row)).toEqual([3, 5, 7, 8, 9]);
    expect(r.skipped[0]!.reason).toBe("重复的表头");
  });

  it("gives rows under a heading such as 一、东岭村 that village", () => {
    const r = readSurvey(
      grid(
        [["序号", "姓名", "性别", "类别"], ["一、东岭村（2人）"], [1, "张三", "男", ""], [2, "李四", "女", ""], ["二、西坪村"], [3, "王五", "男", ""]],
        [{ top: 2, left: 1, bottom: 2, right: 4 }, { top: 5, left: 1, bottom: 5, right: 4 }],
      ),
      TODAY,
    );
    expect(r.rows.map((x) => [x.values.name, x.values.village])).toEqual([
      ["张三", "东岭村"],
      ["李四", "东岭村"],
      ["王五", "西坪村"],
    ]);
    expect(r.problems).toEqual([expect.stringMatching(/没有“村”这一列/)]);
  });

  it("prefixes every error and warning with its row", () => {
    const r = readSurvey(grid([HEAD, [1, "", "男", "东岭村", "网格员"]]), TODAY);
    expect(r.rows[0]).toMatchObject({ row: 2, status: "error", errors: ["第2行：缺少姓名"], warnings: [expect.stringMatching(/^第2行：类别“网格员”/)] });
  });

  it("says where it looked when there is no header", () => {
    const r = readSurvey(grid([["张三", "男"], ["李四", "女"]]), TODAY);
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([expect.stringMatching(/前20行里没有找到表头/)]);
  });
});
