import { HolidayUtil } from "lunar-javascript";
import { describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/symposium/calendar-day.ts";
import { parseHolidayData, SHIPPED_HOLIDAY_DATA as data } from "../../src/domain/holidays/holiday-data.ts";
import { addWorkingDays, workingDayStatus } from "../../src/domain/holidays/working-days.ts";

describe("workingDayStatus", () => {
  it("knows 2026's Spring Festival: nine days off and two Saturdays worked", () => {
    expect(workingDayStatus("2026-02-13", data)).toBe("workday");
    expect(workingDayStatus("2026-02-14", data)).toBe("workday"); // Saturday, 调休上班
    expect(workingDayStatus("2026-02-15", data)).toBe("holiday");
    expect(workingDayStatus("2026-02-23", data)).toBe("holiday"); // Monday, still off
    expect(workingDayStatus("2026-02-24", data)).toBe("workday");
    expect(workingDayStatus("2026-02-28", data)).toBe("workday");
  });

  it("treats ordinary weekends of a known year as days off", () => {
    expect(workingDayStatus("2026-03-07", data)).toBe("holiday");
    expect(workingDayStatus("2026-03-09", data)).toBe("workday");
  });

  it("answers unknown for a year nobody has entered, even on a plain Wednesday", () => {
    expect(workingDayStatus("2027-03-10", data)).toBe("unknown");
    expect(workingDayStatus("2025-12-31", data)).toBe("unknown");
  });

  it("knows a day an arrangement names across a year boundary", () => {
    const withSpill = parseHolidayData({
      years: [{ year: 2023, source: "通知", holidays: [{ name: "元旦", from: "2022-12-31", to: "2023-01-02" }] }],
    });
    expect(workingDayStatus("2022-12-31", withSpill)).toBe("holiday");
    expect(workingDayStatus("2022-12-30", withSpill)).toBe("unknown");
  });

  it("agrees with the arrangement lunar-javascript carries for 2026", () => {
    // An independent copy of the same notice: every day it names has the same status here.
    const days = HolidayUtil.getHolidays(2026);
    expect(days.length).toBeGreaterThan(30);
    for (const d of days) expect(workingDayStatus(d.getDay(), data), d.getDay()).toBe(d.isWork() ? "workday" : "holiday");
  });
});

describe("addWorkingDays", () => {
  it("counts five working days over 国庆, with the Saturday worked after it", () => {
    expect(addWorkingDays("2026-09-28", 5, data)).toBe("2026-10-10");
  });

  it("skips a weekend", () => {
    expect(addWorkingDays("2026-03-06", 1, data)).toBe("2026-03-09");
    expect(addWorkingDays("2026-03-06", 0, data)).toBe("2026-03-06");
  });

  it("gives null when the count runs into a year without data", () => {
    expect(addWorkingDays("2026-12-28", 3, data)).toBe("2026-12-31");
    expect(addWorkingDays("2026-12-28", 4, data)).toBeNull();
  });

  it("takes a year an administrator added", () => {
    const more = parseHolidayData({
      years: [...data.years, { year: 2027, source: "假设的通知", holidays: [{ name: "元旦", from: "2027-01-01", to: "2027-01-03", workdays: [] }] }],
    });
    expect(addWorkingDays("2026-12-31", 1, more)).toBe("2027-01-04");
    expect(workingDayStatus(addDays("2027-01-04", 1), more)).toBe("workday");
  });

  it("refuses a negative count", () => {
    expect(() => addWorkingDays("2026-03-06", -1, data)).toThrow(RangeError);
  });
});

describe("parseHolidayData", () => {
  it("rejects a day that is both off and worked, a reversed range, a year twice", () => {
    const year = (holidays: unknown[]) => ({ year: 2026, source: "通知", holidays });
    expect(() => parseHolidayData({ years: [year([{ name: "春节", from: "2026-02-15", to: "2026-02-23", workdays: ["2026-02-16"] }])] })).toThrow(
      "2026-02-16 既是放假日又是调休上班日",
    );
    expect(() => parseHolidayData({ years: [year([{ name: "春节", from: "2026-02-23", to: "2026-02-15" }])] })).toThrow("放假结束日期早于开始日期");
    expect(() => parseHolidayData({ years: [year([]), year([])] })).toThrow("同一年份出现了两次");
    expect(() => parseHolidayData({ years: [year([{ name: "春节", from: "2026-2-15", to: "2026-02-23" }])] })).toThrow("日期格式应为 YYYY-MM-DD");
  });
});
