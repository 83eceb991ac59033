import { describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/symposium/calendar-day.ts";
import {
  lanternFestival,
  lunarDate,
  lunarLabel,
  lunarMonthLength,
  newYearsEve,
  springFestival,
  xiaonian,
} from "../../src/domain/symposium/lunar-days.ts";

// Published calendars: Spring Festival and 除夕 for 2026–2031.
const PUBLISHED = [
  [2026, "2026-02-17", "2026-02-16"],
  [2027, "2027-02-06", "2027-02-05"],
  [2028, "2028-01-26", "2028-01-25"],
  [2029, "2029-02-13", "2029-02-12"],
  [2030, "2030-02-03", "2030-02-02"],
  [2031, "2031-01-23", "2031-01-22"],
] as const;

describe("Spring Festival and 除夕", () => {
  it.each(PUBLISHED)("%i: 正月初一 %s, 除夕 %s", (year, festival, eve) => {
    expect(springFestival(year)).toBe(festival);
    expect(newYearsEve(year)).toBe(eve);
  });

  it("takes 除夕 as the day before 正月初一 when 腊月 has only 29 days", () => {
    expect(lunarMonthLength(2027, 12)).toBe(29);
    expect(lunarMonthLength(2028, 12)).toBe(29);
    expect(lunarDate(2027, 12, 30)).toBeNull();
    expect(lunarDate(2027, 12, 29)).toBe(newYearsEve(2027));
    expect(lunarLabel(newYearsEve(2027))).toBe("腊月廿九");
  });

  it("has 腊月三十 as 除夕 in a year whose 腊月 has 30 days", () => {
    expect(lunarMonthLength(2030, 12)).toBe(30);
    expect(lunarDate(2030, 12, 30)).toBe(newYearsEve(2030));
  });
});

describe("lunar days of a holiday year", () => {
  it("puts 腊月 in the lunar year before and 正月 in the holiday year", () => {
    expect(lunarDate(2027, 12, 26)).toBe("2027-02-02");
    expect(lunarDate(2027, 1, 6)).toBe("2027-02-11");
    expect(lunarDate(2027, 1, 1)).toBe(springFestival(2027));
  });

  it("names the days back the way people say them", () => {
    expect(lunarLabel("2027-02-02")).toBe("腊月廿六");
    expect(lunarLabel("2027-02-11")).toBe("正月初六");
    expect(lunarLabel("2027-02-20")).toBe("正月十五");
    expect(lunarLabel("2030-02-02")).toBe("腊月三十");
  });

  it("gives 元宵 fifteen days into the year", () => {
    for (const [year] of PUBLISHED) expect(lanternFestival(year)).toBe(addDays(springFestival(year), 14));
  });

  it("puts 小年 on 腊月廿三 by default and 廿四 in the south", () => {
    expect(xiaonian(2027)).toBe("2027-01-30");
    expect(lunarLabel(xiaonian(2027))).toBe("腊月廿三");
    expect(xiaonian(2027, "south")).toBe("2027-01-31");
  });

  it("refuses days no month has", () => {
    expect(lunarDate(2027, 12, 31)).toBeNull();
    expect(lunarDate(2027, 13, 1)).toBeNull();
    expect(lunarDate(2027, 1, 0)).toBeNull();
  });

  it("lands every 除夕 to 2040 on the last day of 腊月 and the next day on 正月初一", () => {
    for (let year = 2026; year <= 2040; year++) {
      expect(lunarLabel(newYearsEve(year))).toMatch(/^腊月(廿九|三十)$/);
      expect(lunarLabel(springFestival(year))).toBe("正月初一");
      expect(lunarDate(year, 12, lunarMonthLength(year, 12))).toBe(newYearsEve(year));
    }
  });
});
