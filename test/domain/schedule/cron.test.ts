import { describe, expect, it } from "vitest";
import { checkCron, compileCron, CRON_FIVE_FIELDS, nextCronFiring } from "../../../src/domain/schedule/cron.ts";
import { nextFiring } from "../../../src/domain/schedule/firings.ts";
import { cron, NOW, sh, spec } from "./fixtures.ts";

describe("the cron dialect", () => {
  it("fires on the month's last day when the day is missing, in February and in a leap year", () => {
    const s = spec("每月31日 20:00");
    expect(nextFiring(s, sh(2027, 2, 1))).toEqual(sh(2027, 2, 28, 20, 0));
    expect(nextFiring(s, sh(2027, 2, 28, 20, 0))).toEqual(sh(2027, 3, 31, 20, 0));
    expect(nextFiring(s, sh(2027, 4, 1))).toEqual(sh(2027, 4, 30, 20, 0));
    expect(nextFiring(s, sh(2028, 2, 1))).toEqual(sh(2028, 2, 29, 20, 0));
  });

  it("clamps day 30 only in February, and never fires twice a month", () => {
    const s = spec("每月30日 9:00");
    expect(nextFiring(s, sh(2027, 2, 1))).toEqual(sh(2027, 2, 28, 9, 0));
    expect(nextFiring(s, sh(2027, 3, 1))).toEqual(sh(2027, 3, 30, 9, 0));
    expect(nextFiring(s, sh(2027, 3, 30, 9, 0))).toEqual(sh(2027, 4, 30, 9, 0));
  });

  it("keeps standard cron's skipping for a raw day 31", () => {
    expect(nextFiring(cron("0 20 31 * *"), sh(2027, 2, 1))).toEqual(sh(2027, 3, 31, 20, 0));
    expect(nextFiring(cron("0 20 31 * *"), sh(2027, 4, 1))).toEqual(sh(2027, 5, 31, 20, 0));
  });

  it("fires on either day field when both are restricted (cron OR)", () => {
    const s = cron("0 9 1 * 1"); // the 1st, and every Monday
    expect(nextFiring(s, NOW)).toEqual(sh(2026, 11, 30, 9, 0)); // Monday
    expect(nextFiring(s, sh(2026, 11, 30, 9, 0))).toEqual(sh(2026, 12, 1, 9, 0)); // Tuesday the 1st
    expect(nextFiring(s, sh(2026, 12, 1, 9, 0))).toEqual(sh(2026, 12, 7, 9, 0)); // Monday
  });

  it("needs both day fields when one starts with * (Vixie cron)", () => {
    expect(nextFiring(cron("0 9 * * 1"), NOW)).toEqual(sh(2026, 11, 30, 9, 0));
    expect(nextFiring(cron("0 9 1 * *"), NOW)).toEqual(sh(2026, 12, 1, 9, 0));
    // Odd days that are Mondays: Nov 30 and Dec 14 are even, Dec 7 is odd.
    expect(nextFiring(cron("0 9 */2 * 1"), NOW)).toEqual(sh(2026, 12, 7, 9, 0));
  });

  it("treats 7 as Sunday and steps through ranges", () => {
    expect(nextFiring(cron("0 9 * * 7"), NOW)).toEqual(sh(2026, 11, 29, 9, 0));
    expect(nextFiring(cron("0 9 * * 0"), NOW)).toEqual(sh(2026, 11, 29, 9, 0));
    expect(nextFiring(cron("*/20 10-12/2 * * *"), NOW)).toEqual(sh(2026, 11, 27, 10, 20));
    expect(nextFiring(cron("*/20 10-12/2 * * *"), sh(2026, 11, 27, 10, 40))).toEqual(sh(2026, 11, 27, 12, 0));
    expect(nextFiring(cron("0 0 1 1,7 *"), NOW)).toEqual(sh(2027, 1, 1, 0, 0));
  });

  it("finds Feb 29 years ahead and gives up on days that never come", () => {
    expect(nextFiring(cron("0 0 29 2 *"), NOW)).toEqual(sh(2028, 2, 29, 0, 0));
    expect(nextFiring(cron("0 0 31 4 *"), NOW)).toBeNull();
  });

  it("throws on a malformed stored expression", () => {
    expect(() => nextFiring(cron("0 20 * *"), NOW)).toThrow();
  });
});

describe("the n-th and last weekday of a month (Quartz style)", () => {
  it("fires on the k-th weekday d for d#k", () => {
    expect(nextFiring(cron("0 9 * * 2#2"), NOW)).toEqual(sh(2026, 12, 8, 9, 0));
    // 7 is Sunday here too.
    expect(nextFiring(cron("0 9 * * 7#1"), NOW)).toEqual(sh(2026, 12, 6, 9, 0));
    // A fifth Monday exists in November 2026 (the 30th), not in December.
    expect(nextFiring(cron("0 9 * * 1#5"), NOW)).toEqual(sh(2026, 11, 30, 9, 0));
    expect(nextFiring(cron("0 9 * * 1#5"), sh(2026, 11, 30, 9, 0))).toEqual(sh(2027, 3, 29, 9, 0));
  });

  it("fires on the month's last weekday d for dL, in a 4- or 5-week month", () => {
    expect(nextFiring(cron("0 20 * * 5L"), NOW)).toEqual(sh(2026, 11, 27, 20, 0));
    expect(nextFiring(cron("0 20 * * 5L"), sh(2026, 11, 27, 20, 0))).toEqual(sh(2026, 12, 25, 20, 0));
    expect(nextFiring(cron("0 15 * * 4L"), sh(2027, 2, 1))).toEqual(sh(2027, 2, 25, 15, 0));
  });

  it("mixes with plain weekdays and, with a restricted day of month, fires on either", () => {
    const firstAndThirdMonday = cron("0 9 * * 1#1,1#3");
    expect(nextFiring(firstAndThirdMonday, NOW)).toEqual(sh(2026, 12, 7, 9, 0));
    expect(nextFiring(firstAndThirdMonday, sh(2026, 12, 7, 9, 0))).toEqual(sh(2026, 12, 21, 9, 0));
    const firstOrSecondMonday = cron("0 9 1 * 1#2");
    expect(nextFiring(firstOrSecondMonday, NOW)).toEqual(sh(2026, 12, 1, 9, 0));
    expect(nextFiring(firstOrSecondMonday, sh(2026, 12, 1, 9, 0))).toEqual(sh(2026, 12, 14, 9, 0));
  });
});

describe("checkCron", () => {
  it("compiles the lines people use", () => {
    for (const expr of ["0 20 * * 1-5", "*/15 9-17 * * 1-5", "0 20 L * *", "0 20 31L * *", "0 9 * * 2#2", "0 15 * * 4L", "0 9 1,15 * *"]) {
      expect(typeof checkCron(expr)).toBe("object");
      expect(() => compileCron(expr)).not.toThrow();
    }
  });

  it.each([
    ["0 0 20 * * *", CRON_FIVE_FIELDS],
    ["0 20 * *", CRON_FIVE_FIELDS],
    ["0 9 * * 2#6", "星期"],
    ["0 9 * * 2#0", "星期"],
    ["0 9 * * 8#1", "星期"],
    ["0 9 * * 1-5#2", "星期"],
    ["0 9 * * L", "星期"],
    ["0 9 2#2 * *", "日"],
    ["0 9 * 2#2 *", "月"],
    ["0 9L * * *", "小时"],
    ["0 9 32L * *", "日"],
  ])("refuses %j, naming the field", (expr, reason) => {
    const r = checkCron(expr);
    expect(typeof r).toBe("string");
    expect(r).toContain(reason);
    expect(() => compileCron(expr)).toThrow(/invalid cron expression/);
  });

  it("steps a compiled line without a spec", () => {
    expect(nextCronFiring(compileCron("0 20 L * *"), sh(2027, 2, 1).getTime(), "Asia/Shanghai")).toEqual(sh(2027, 2, 28, 20, 0));
  });
});
