import { describe, expect, it } from "vitest";
import { parseHomecoming, type HomecomingOptions } from "../../src/domain/homecoming.ts";
import { evaluateHomecoming } from "./homecoming-eval.ts";
import { DEVELOPMENT, HELD_OUT } from "./homecoming.fixture.ts";

const SF: HomecomingOptions = { season: "spring_festival", year: 2027, today: "2027-01-18" };
const SUMMER: HomecomingOptions = { season: "summer", year: 2027, today: "2027-06-22" };
const read = (text: string, options: HomecomingOptions = SF) => parseHomecoming(text, options);

describe("parseHomecoming on the fixture", () => {
  // The figures themselves are printed by `npm run eval:homecoming`; these floors catch a
  // change that makes the parser read people worse.
  it("reads the development answers", () => {
    const r = evaluateHomecoming(DEVELOPMENT);
    expect(r.total).toBeGreaterThanOrEqual(80);
    expect(r.accuracy, r.misses.map((m) => m.text).join(" | ")).toBeGreaterThanOrEqual(0.95);
  });

  it("reads the held-out answers", () => {
    const r = evaluateHomecoming(HELD_OUT);
    expect(r.total).toBeGreaterThanOrEqual(0.2 * (r.total + DEVELOPMENT.length));
    expect(r.accuracy, r.misses.map((m) => m.text).join(" | ")).toBeGreaterThanOrEqual(0.9);
    expect(r.statusCorrect / r.total).toBeGreaterThanOrEqual(0.95);
  });
});

describe("parseHomecoming", () => {
  it("reads arrival and departure from a chatty answer", () => {
    expect(read("估计腊月二十六七能到家吧，初六就得回厂里了")).toEqual({ status: "coming", from: "2027-02-02", to: "2027-02-11" });
  });

  it("places Spring Festival days in the holiday's year even when asked in December", () => {
    const december = { ...SF, today: "2026-12-05" };
    expect(read("腊月二十八到家", december)).toEqual({ status: "coming", from: "2027-02-04", to: null });
    expect(read("12月30号放假就回", december)).toEqual({ status: "coming", from: "2026-12-30", to: null });
  });

  it("takes 年三十 and 腊月三十 as 除夕 in a year whose 腊月 has 29 days", () => {
    expect(read("年三十到")).toMatchObject({ from: "2027-02-05" });
    expect(read("腊月三十到家")).toMatchObject({ from: "2027-02-05" });
    expect(read("年三十到", { ...SF, year: 2030, today: "2030-01-10" })).toMatchObject({ from: "2030-02-02" });
  });

  it("puts 小年 where the county says", () => {
    expect(read("小年回")).toMatchObject({ from: "2027-01-30" });
    expect(read("小年回", { ...SF, xiaonian: "south" })).toMatchObject({ from: "2027-01-31" });
  });

  it("reads full-width digits, traditional characters and a mistyped 腊月", () => {
    expect(read("１月２９號回來")).toMatchObject({ from: "2027-01-29" });
    expect(read("臘月二十六回")).toMatchObject({ from: "2027-02-02" });
    expect(read("蜡月二十六回")).toMatchObject({ from: "2027-02-02" });
  });

  it("counts a bare number as 腊月 to arrive and 正月 to leave", () => {
    expect(read("二十八回，十六走")).toEqual({ status: "coming", from: "2027-02-04", to: "2027-02-21" });
  });

  it("takes a bare day as the next one of that number", () => {
    expect(read("28号左右回")).toMatchObject({ from: "2027-01-28" });
    expect(read("5号回")).toMatchObject({ from: "2027-02-05" });
    expect(read("1月29到，5号走")).toMatchObject({ from: "2027-01-29", to: "2027-02-05" });
  });

  it("gives the summer window's first day for 放假就回, and the county's own window when set", () => {
    expect(read("放假就回", SUMMER)).toMatchObject({ from: "2027-07-10" });
    expect(read("放假就回", { ...SUMMER, window: { start: "2027-07-01", end: "2027-08-25" } })).toMatchObject({ from: "2027-07-01" });
  });

  it("says coming without a day for 放假就回 at Spring Festival, when breaks differ by employer", () => {
    expect(read("放假就回")).toEqual({ status: "coming", from: null, to: null });
  });

  it("calls an arrival outside the season unclear rather than guessing", () => {
    expect(read("国庆回", SUMMER)).toEqual({ status: "unclear" });
    expect(read("9月10号回", SUMMER)).toEqual({ status: "unclear" });
    expect(read("正月十六才回")).toEqual({ status: "unclear" });
  });

  it("ignores a day in a clause that says no, when another clause gives the arrival", () => {
    expect(read("年三十回不去，初二能到家")).toEqual({ status: "coming", from: "2027-02-07", to: null });
    expect(read("今年不回了，初六就要上班")).toEqual({ status: "not_coming" });
  });

  it("tells no from not knowing whether", () => {
    expect(read("回不去")).toEqual({ status: "not_coming" });
    expect(read("还不知道回不回得去")).toEqual({ status: "unclear" });
    expect(read("不知道腊月二十八能不能回")).toEqual({ status: "unclear" });
    expect(read("可能回")).toEqual({ status: "unclear" });
    expect(read("可能腊月二十八回")).toMatchObject({ status: "coming", from: "2027-02-04" });
  });

  it("is not fooled by words that look like cues", () => {
    expect(read("好的收到")).toEqual({ status: "unclear" });
    expect(read("初三走亲戚，初六回厂")).toEqual({ status: "coming", from: "2027-02-08", to: "2027-02-11" });
    expect(read("今年不回复了")).toEqual({ status: "unclear" });
  });

  it("takes someone already home as arriving today", () => {
    expect(read("已经到家了，初十走", { ...SF, today: "2027-01-25" })).toEqual({ status: "coming", from: "2027-01-25", to: "2027-02-15" });
  });

  it("adds a stay's length to the arrival", () => {
    expect(read("腊月二十八回，待一个星期")).toEqual({ status: "coming", from: "2027-02-04", to: "2027-02-10" });
    expect(read("8月初回，待半个月", SUMMER)).toEqual({ status: "coming", from: "2027-08-01", to: "2027-08-15" });
  });

  it("reads next week and month ends from today", () => {
    expect(read("下周回")).toMatchObject({ from: "2027-01-25" });
    expect(read("下周五回", SUMMER)).toMatchObject({ from: "2027-07-02" });
    expect(read("月底回", SUMMER)).toMatchObject({ from: "2027-06-30" });
  });
});
