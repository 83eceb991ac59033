import { describe, expect, it } from "vitest";
import { MIN_REMINDER_GAP_MS, minimumGapMs } from "../../../src/domain/schedule/min-gap.ts";
import { cron, DAY, H, NOW, spec } from "./fixtures.ts";

describe("minimumGapMs: how often a schedule fires at its most frequent", () => {
  it.each([
    ["* * * * *", 60_000],
    ["*/10 * * * *", 10 * 60_000],
    ["*/15 9-17 * * 1-5", 15 * 60_000],
    ["0,30 8 * * *", 30 * 60_000],
    ["0 8-18 * * *", H],
    ["0 8,20 * * *", 12 * H],
    ["0 20 * * *", DAY],
    ["30 8 * * 1-5", DAY],
    ["0 9 * * 1", 7 * DAY],
    ["0 9 1 * *", 28 * DAY],
    ["0 9 * * 2#2", 28 * DAY],
  ])("%s → %i ms", (expr, gap) => {
    expect(minimumGapMs(cron(expr), NOW)).toBe(gap);
  });

  it("looks across midnight: 23:59 then 0:00 is one minute", () => {
    expect(minimumGapMs(cron("0,59 0,23 * * *"), NOW)).toBe(60_000);
  });

  it("refuses the floods and lets hourly reminders through at the default minimum", () => {
    expect(minimumGapMs(cron("* * * * *"), NOW)).toBeLessThan(MIN_REMINDER_GAP_MS);
    expect(minimumGapMs(cron("*/10 * * * *"), NOW)).toBeLessThan(MIN_REMINDER_GAP_MS);
    expect(minimumGapMs(cron("0 8-18 * * *"), NOW)).toBeGreaterThanOrEqual(MIN_REMINDER_GAP_MS);
    expect(minimumGapMs(spec("每天晚上8点"), NOW)).toBeGreaterThanOrEqual(MIN_REMINDER_GAP_MS);
  });

  it("honours every other week", () => {
    expect(minimumGapMs(spec("每隔一周的周日 10:00"), NOW)).toBe(14 * DAY);
    // Saturday and Sunday of the same week are a day apart.
    expect(minimumGapMs(spec("隔周周末上午9点"), NOW)).toBe(DAY);
  });

  it("is Infinity for a one-off and for a line firing at most once in two years", () => {
    expect(minimumGapMs(spec("明天 9:00"), NOW)).toBe(Infinity);
    expect(minimumGapMs(cron("0 0 31 4 *"), NOW)).toBe(Infinity);
    expect(minimumGapMs(cron("0 0 29 2 *"), NOW)).toBe(Infinity);
  });

  it("sees a daylight-saving change shorten the gap", () => {
    // In New York 1:00 and 3:00 are an hour apart on the night the clocks go forward.
    expect(minimumGapMs(cron("0 1,3 * * *"), NOW, "America/New_York")).toBe(H);
    expect(minimumGapMs(cron("0 1,3 * * *"), NOW, "Asia/Shanghai")).toBe(2 * H);
    // And a daily line is 23 hours apart across it.
    expect(minimumGapMs(cron("0 9 * * *"), NOW, "America/New_York")).toBe(23 * H);
    // Minutes the jump skips are not counted twice or backwards.
    expect(minimumGapMs(cron("* * * * *"), NOW, "America/New_York")).toBe(60_000);
    expect(minimumGapMs(cron("*/30 * * * *"), NOW, "America/New_York")).toBe(30 * 60_000);
    expect(minimumGapMs(cron("0 * * * *"), NOW, "Europe/Berlin")).toBe(H);
  });
});
