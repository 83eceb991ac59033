import { describe, expect, it } from "vitest";
import type { HomecomingAnswer } from "../../src/domain/homecoming.ts";
import { parseHolidayData } from "../../src/domain/holidays/holiday-data.ts";
import { proposeDays, type ProposeDaysOptions, type ReserveAnswer } from "../../src/domain/symposium/propose-days.ts";

const coming = (from: string | null, to: string | null): HomecomingAnswer => ({ status: "coming", from, to });

// Spring Festival 2027: 除夕 2-05 (Fri), 初一 2-06 (Sat), 初二 2-07 (Sun); window 腊月二十 1-27 to 元宵 2-20.
const SF: ProposeDaysOptions = { season: "spring_festival", year: 2027, window: { start: "2027-01-27", end: "2027-02-20" } };

// A township's answers, as parseHomecoming gave them.
const ANSWERS: ReserveAnswer[] = [
  { name: "张伟", answer: coming("2027-02-02", "2027-02-11") },
  { name: "李娜", answer: coming("2027-02-04", "2027-02-20") },
  { name: "王磊", answer: coming("2027-01-29", "2027-02-13") },
  { name: "刘洋", answer: coming(null, "2027-02-11") }, // 过完年就走: home from 除夕
  { name: "陈静", answer: coming("2027-02-07", "2027-02-11") },
  { name: "杨帆", answer: { status: "not_coming" } },
  { name: "赵强", answer: { status: "unclear" } },
  { name: "黄敏", answer: coming("2027-01-15", null) }, // student: assumed to stay until 初六
  { name: "周杰", answer: coming("2027-02-01", "2027-02-10") },
  { name: "吴昊", answer: coming("2027-02-04", "2027-02-09") },
  { name: "徐丽", answer: coming(null, null) }, // 放假就回: 除夕 to 初六
  { name: "孙鹏", answer: coming("2027-02-08", "2027-02-13") }, // works through 除夕
];

describe("proposeDays", () => {
  it("proposes the days most reserves are home, earlier first on a tie", () => {
    const days = proposeDays(ANSWERS, SF);
    expect(days.map((d) => [d.date, d.count])).toEqual([
      ["2027-02-08", 10],
      ["2027-02-09", 10],
      ["2027-02-10", 9],
    ]);
    expect(days[0]!.names).toEqual(["张伟", "李娜", "王磊", "刘洋", "陈静", "黄敏", "周杰", "吴昊", "徐丽", "孙鹏"]);
    expect(days[2]!.names).not.toContain("吴昊");
  });

  it("never counts those not coming or unsure", () => {
    const everyone = proposeDays(ANSWERS, { ...SF, count: 30 }).flatMap((d) => d.names);
    expect(everyone).not.toContain("杨帆");
    expect(everyone).not.toContain("赵强");
    expect(everyone).toContain("孙鹏");
  });

  it("leaves out 除夕 to 初二 unless the organiser says otherwise", () => {
    const all = proposeDays(ANSWERS, { ...SF, count: 30 }).map((d) => d.date);
    expect(all).not.toContain("2027-02-05");
    expect(all).not.toContain("2027-02-07");
    const initial = proposeDays(ANSWERS, { ...SF, avoid: [], count: 30 }).find((d) => d.date === "2027-02-06")!;
    expect(initial).toMatchObject({ count: 8, restDay: true, score: 8.5 });
  });

  it("favours the days just before 除夕 as much as the organiser weighs them", () => {
    const days = proposeDays(ANSWERS, { ...SF, weights: { beforeEve: 5 } });
    expect(days[0]).toMatchObject({ date: "2027-02-04", count: 6, beforeEve: true, score: 11 });
    expect(proposeDays(ANSWERS, { ...SF, weights: { beforeEve: 5 }, beforeEveDays: 0 })[0]!.date).toBe("2027-02-08");
  });

  it("counts a statutory day off as a rest day when the arrangement is known", () => {
    const holidays = parseHolidayData({
      years: [{ year: 2027, source: "假设的通知", holidays: [{ name: "春节", from: "2027-02-05", to: "2027-02-08", workdays: [] }] }],
    });
    const days = proposeDays(ANSWERS, { ...SF, holidays });
    expect(days[0]).toMatchObject({ date: "2027-02-08", restDay: true, score: 10.5 });
    expect(days[1]).toMatchObject({ date: "2027-02-09", restDay: false, score: 10 });
  });

  it("proposes nothing before the day it is asked", () => {
    const days = proposeDays(ANSWERS, { ...SF, notBefore: "2027-02-10" });
    // 2-12 (Fri) and 2-13 (Sat) both have 李娜, 王磊 and 孙鹏 home: the Saturday goes first.
    expect(days.map((d) => [d.date, d.count])).toEqual([
      ["2027-02-10", 9],
      ["2027-02-11", 8],
      ["2027-02-13", 3],
    ]);
  });

  it("weighs weekends in the summer, with open ends at the window's edges", () => {
    const summer: ProposeDaysOptions = { season: "summer", year: 2027, window: { start: "2027-07-10", end: "2027-08-31" } };
    const answers: ReserveAnswer[] = [
      { name: "甲", answer: coming(null, "2027-07-20") },
      { name: "乙", answer: coming("2027-07-15", null) },
      { name: "丙", answer: coming("2027-07-16", "2027-07-19") },
    ];
    // 7-16 (Fri) to 7-19 (Mon) all three are home; Saturday 7-17 and Sunday 7-18 win.
    expect(proposeDays(answers, summer).map((d) => [d.date, d.count, d.restDay])).toEqual([
      ["2027-07-17", 3, true],
      ["2027-07-18", 3, true],
      ["2027-07-16", 3, false],
    ]);
  });

  it("returns fewer days, or none, when few people are home", () => {
    expect(proposeDays([{ name: "甲", answer: { status: "not_coming" } }], SF)).toEqual([]);
    // 2-20 is a Saturday.
    expect(proposeDays([{ name: "甲", answer: coming("2027-02-19", "2027-02-20") }], SF).map((d) => d.date)).toEqual(["2027-02-20", "2027-02-19"]);
  });
});
