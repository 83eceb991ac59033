// The symposium feature's pure rules: which seasons are due for a draft on a day,
// quiet hours, and how an organiser's day and time are read.
import { describe, expect, it } from "vitest";
import { DEFAULT_SEASONS, parseSeasons } from "../../src/domain/symposium/seasons.ts";
import { inQuietHours, parseQuietHours } from "../../src/domain/quiet-hours.ts";
import { dueOccurrences } from "../../src/features/symposium/step-draft.ts";
import { meetingDate, meetingTime } from "../../src/features/symposium/meeting-time.ts";

const bj = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
const due = (day: string, seasons = DEFAULT_SEASONS) => dueOccurrences(seasons, day).map((o) => `${o.season.name}${o.year}`);

describe("draft days", () => {
  it("drafts Spring Festival on 腊月初十 (2027, 2028, 2030) and summer on 6月20日, until the window closes", () => {
    expect(due("2027-01-16")).toEqual([]);
    expect(due("2027-01-17")).toEqual(["春节2027"]);
    expect(due("2028-01-05")).toEqual([]);
    expect(due("2028-01-06")).toEqual(["春节2028"]);
    expect(due("2030-01-12")).toEqual([]);
    expect(due("2030-01-13")).toEqual(["春节2030"]);
    expect(due("2030-02-17")).toEqual(["春节2030"]);
    expect(due("2030-02-18")).toEqual([]);
    expect(due("2027-06-19")).toEqual([]);
    expect(due("2027-06-20")).toEqual(["暑假2027"]);
    expect(due("2027-08-31")).toEqual(["暑假2027"]);
    expect(due("2027-09-01")).toEqual([]);
  });

  it("takes other seasons from configuration", () => {
    const seasons = parseSeasons([{ kind: "custom", name: "国庆", window: { start: { month: 10, day: 1 }, end: { month: 10, day: 7 } }, draft: { daysBefore: 14 } }]);
    expect(due("2027-09-16", seasons)).toEqual([]);
    expect(due("2027-09-17", seasons)).toEqual(["国庆2027"]);
  });
});

describe("quiet hours", () => {
  it("wraps midnight, in Beijing time", () => {
    const q = parseQuietHours("22:00-08:00")!;
    expect(inQuietHours(bj("2027-01-20 21:59"), q)).toBe(false);
    expect(inQuietHours(bj("2027-01-20 22:00"), q)).toBe(true);
    expect(inQuietHours(bj("2027-01-21 03:00"), q)).toBe(true);
    expect(inQuietHours(bj("2027-01-21 08:00"), q)).toBe(false);
    expect(inQuietHours(bj("2027-01-21 12:30"), parseQuietHours("12:00-14:00")!)).toBe(true);
    expect(inQuietHours(bj("2027-01-21 03:00"), parseQuietHours("00:00-00:00")!)).toBe(false);
  });
});

describe("the day and time an organiser fixes", () => {
  const window = { start: "2027-01-27", end: "2027-02-20" };
  it("reads full dates, dates without a year in the season's window, and spoken times", () => {
    expect(meetingDate("2027-02-09", window)).toBe("2027-02-09");
    expect(meetingDate("2027年2月9日", window)).toBe("2027-02-09");
    expect(meetingDate("2月9日", window)).toBe("2027-02-09");
    expect(meetingDate("2.9", window)).toBe("2027-02-09");
    expect(meetingDate("2027-02-30", window)).toBeNull();
    expect(meetingDate("明天", window)).toBeNull();
    expect(meetingDate("12月30日", { start: "2026-12-20", end: "2027-01-10" })).toBe("2026-12-30");
    expect(meetingTime("14:00")).toBe(14 * 60);
    expect(meetingTime("９：３０")).toBe(9 * 60 + 30);
    expect(meetingTime("下午2点半")).toBe(14 * 60 + 30);
    expect(meetingTime("9点")).toBe(9 * 60);
    expect(meetingTime("25:00")).toBeNull();
  });
});
