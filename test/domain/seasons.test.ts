import { describe, expect, it } from "vitest";
import { DEFAULT_SEASONS, nextSeason, parseSeasons, seasonIn } from "../../src/domain/symposium/seasons.ts";
import { lunarLabel } from "../../src/domain/symposium/lunar-days.ts";

describe("season windows", () => {
  it("runs Spring Festival from 腊月二十 to 元宵 with the draft on 腊月初十", () => {
    const o = seasonIn(DEFAULT_SEASONS[0]!, 2027);
    expect(o.window).toEqual({ start: "2027-01-27", end: "2027-02-20" });
    expect(lunarLabel(o.window.start)).toBe("腊月二十");
    expect(o.draft).toBe("2027-01-17");
    expect(lunarLabel(o.draft)).toBe("腊月初十");
  });

  it("runs the summer holidays from 7月10日 to 8月31日 with the draft on 6月20日", () => {
    expect(seasonIn(DEFAULT_SEASONS[1]!, 2027)).toMatchObject({ window: { start: "2027-07-10", end: "2027-08-31" }, draft: "2027-06-20" });
  });

  it("takes a county's own summer window", () => {
    const [summer] = parseSeasons([{ kind: "summer", window: { start: { month: 7, day: 1 }, end: { month: 8, day: 25 } } }]);
    expect(seasonIn(summer!, 2027).window).toEqual({ start: "2027-07-01", end: "2027-08-25" });
  });

  it("adds a custom season, its draft 20 days before by default", () => {
    const seasons = parseSeasons([
      { kind: "spring_festival" },
      { kind: "custom", name: "国庆", window: { start: { month: 10, day: 1 }, end: { month: 10, day: 7 } } },
      { kind: "custom", name: "三月三", window: { start: { calendar: "lunar", month: 3, day: 2 }, end: { calendar: "lunar", month: 3, day: 4 } }, draft: { daysBefore: 10 } },
    ]);
    expect(seasonIn(seasons[1]!, 2027)).toMatchObject({ window: { start: "2027-10-01", end: "2027-10-07" }, draft: "2027-09-11" });
    const sanyuesan = seasonIn(seasons[2]!, 2027);
    expect(lunarLabel(sanyuesan.window.start)).toBe("三月初二");
    expect(sanyuesan.draft).toBe("2027-03-29");
  });

  it("carries a Gregorian window over New Year into the next year", () => {
    const [yuandan] = parseSeasons([{ kind: "custom", name: "元旦", window: { start: { month: 12, day: 30 }, end: { month: 1, day: 2 } } }]);
    expect(seasonIn(yuandan!, 2026).window).toEqual({ start: "2026-12-30", end: "2027-01-02" });
  });

  it("reads 腊月三十 as the last day of 腊月 in a year that has 29", () => {
    const [sf] = parseSeasons([{ kind: "spring_festival", window: { start: { calendar: "lunar", month: 12, day: 30 }, end: { calendar: "lunar", month: 1, day: 6 } } }]);
    expect(seasonIn(sf!, 2027).window.start).toBe("2027-02-05");
  });

  it("rejects a configuration with a readable Chinese message", () => {
    expect(() => parseSeasons([{ kind: "custom", window: { start: { month: 10, day: 1 }, end: { month: 10, day: 7 } } }])).toThrow(/name/);
    expect(() => parseSeasons([{ kind: "summer", window: { start: { month: 6, day: 31 }, end: { month: 8, day: 31 } } }])).toThrow("这个月没有这一天");
    expect(() => parseSeasons([{ kind: "spring_festival", draft: { calendar: "lunar", month: 12, day: 31 } }])).toThrow("农历日期最多到三十");
    expect(() => parseSeasons([{ kind: "summer" }, { kind: "summer" }])).toThrow("季节名称不能重复");
    expect(() => parseSeasons([{ kind: "winter" }])).toThrow();
  });
});

describe("nextSeason", () => {
  it("is Spring Festival of next year when asked in December", () => {
    const o = nextSeason("2026-12-01");
    expect(o.season.kind).toBe("spring_festival");
    expect(o.year).toBe(2027);
    expect(o.draft).toBe("2027-01-17");
  });

  it("is the summer once Spring Festival's window has closed, and stays on it while people are home", () => {
    expect(nextSeason("2027-02-21")).toMatchObject({ year: 2027, window: { start: "2027-07-10" } });
    expect(nextSeason("2027-08-31").season.kind).toBe("summer");
    expect(nextSeason("2027-09-01")).toMatchObject({ year: 2028, window: { start: "2028-01-16" } });
  });

  it("is Spring Festival itself during its window", () => {
    expect(nextSeason("2027-02-06")).toMatchObject({ year: 2027, season: { kind: "spring_festival" } });
  });

  it("takes a custom season in between", () => {
    const seasons = parseSeasons([{ kind: "spring_festival" }, { kind: "summer" }, { kind: "custom", name: "国庆", window: { start: { month: 10, day: 1 }, end: { month: 10, day: 7 } } }]);
    expect(nextSeason("2027-09-01", seasons)).toMatchObject({ season: { name: "国庆" }, window: { start: "2027-10-01" }, draft: "2027-09-11" });
    expect(nextSeason("2027-10-08", seasons).season.name).toBe("春节");
  });
});
