import { describe, expect, it } from "vitest";
import { describeCron } from "../../../src/domain/schedule/describe.ts";

describe("describeCron", () => {
  it.each([
    ["0 20 * * *", "每天 20:00"],
    ["5 7 * * 0-6", "每天 7:05"],
    ["0 20 * * 1,3,5", "每周一、三、五 20:00"],
    ["0 20 * * 0,1", "每周一、日 20:00"],
    ["0 8 * * 1-5", "工作日 8:00"],
    ["0 9 * * 6,7", "每周末 9:00"],
    ["0 9 15 * *", "每月15日 9:00"],
    ["0 20 L * *", "每月最后一天 20:00"],
    ["0 20 31L * *", "每月31日 20:00"],
    ["0 9 * * 2#2", "每月第二个周二 9:00"],
    ["30 8 * * 1#1", "每月第一个周一 8:30"],
    ["0 15 * * 4L", "每月最后一个周四 15:00"],
    ["0 9 * * 7#3", "每月第三个周日 9:00"],
  ])("%s → %s", (expr, label) => {
    expect(describeCron(expr)).toBe(label);
  });

  it.each(["*/15 9-17 * * 1-5", "0 9 31 * *", "0 9 1 1 *", "0 9 * * 1#1,1#3", "0 9 * * 1,2#2", "0 9 1 * 2#2", "0 8,20 * * *", "0 20 * *"])("quotes %s as it is", (expr) => {
    expect(describeCron(expr)).toBe(`按 cron 表达式“${expr}”`);
  });

  it("says every how many weeks", () => {
    expect(describeCron("0 10 * * 0", { n: 2 })).toBe("每两周的周日 10:00");
    expect(describeCron("0 9 * * 1,3", { n: 3 })).toBe("每三周的周一、三 9:00");
    expect(describeCron("0 9 * * 1-5", { n: 2 })).toBe("每两周的工作日 9:00");
    expect(describeCron("0 9 * * 0,6", { n: 4 })).toBe("每四周的周末 9:00");
    expect(describeCron("0 9 * * 1", { n: 1 })).toBe("每周一 9:00");
    expect(describeCron("0 9 * * *", { n: 2 })).toBe("每两周，按 cron 表达式“0 9 * * *”");
  });
});
