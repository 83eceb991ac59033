import { describe, expect, it } from "vitest";
import {
  dueFirings,
  MAX_LEAD_MINUTES,
  parseLead,
  firingsBetween,
  MAX_FIRINGS,
  nextFiring,
  parseLeadingSchedule,
  parseScheduleTime,
  type ScheduleSpec,
} from "../../src/domain/schedule-time.ts";

/** An instant given as Beijing wall-clock time. */
function sh(y: number, m: number, d: number, h = 0, mi = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, h - 8, mi));
}

// Friday 2026-11-27 10:00 in Shanghai.
const NOW = sh(2026, 11, 27, 10, 0);

function spec(text: string, now = NOW, timeZone?: string): ScheduleSpec {
  const r = parseScheduleTime(text, now, timeZone);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.spec;
}

function cron(expr: string): ScheduleSpec {
  return { kind: "cron", expr, label: "" };
}

describe("parseScheduleTime: recurring", () => {
  it.each([
    ["每天 20:00", "0 20 * * *", "每天 20:00"],
    ["每天20点", "0 20 * * *", "每天 20:00"],
    ["每天晚上8点", "0 20 * * *", "每天 20:00"],
    ["每天早上8:30", "30 8 * * *", "每天 8:30"],
    ["每日 7:05", "5 7 * * *", "每天 7:05"],
    ["每天晚上8点半", "30 20 * * *", "每天 20:30"],
    ["每天下午3点15分", "15 15 * * *", "每天 15:15"],
    ["每天中午12点", "0 12 * * *", "每天 12:00"],
    ["每天 上午9点", "0 9 * * *", "每天 9:00"],
    ["每晚八点", "0 20 * * *", "每天 20:00"],
    ["每天晚上八点一刻", "15 20 * * *", "每天 20:15"],
    ["每天早上七点十五", "15 7 * * *", "每天 7:15"],
    ["每天 0:00", "0 0 * * *", "每天 0:00"],
    ["每天 23:59", "59 23 * * *", "每天 23:59"],
    ["每周一 8:30", "30 8 * * 1", "每周一 8:30"],
    ["每星期三 19:00", "0 19 * * 3", "每周三 19:00"],
    ["每周日 9点", "0 9 * * 0", "每周日 9:00"],
    ["每礼拜天 10:00", "0 10 * * 0", "每周日 10:00"],
    ["每个星期五 晚上7点", "0 19 * * 5", "每周五 19:00"],
    ["每周一三五 20:00", "0 20 * * 1,3,5", "每周一、三、五 20:00"],
    ["每周一、三、五 20:00", "0 20 * * 1,3,5", "每周一、三、五 20:00"],
    ["每周一和周三 8点", "0 8 * * 1,3", "每周一、三 8:00"],
    ["每周三八点", "0 8 * * 3", "每周三 8:00"],
    ["每周一到周五 8:00", "0 8 * * 1-5", "工作日 8:00"],
    ["每周五至周一 8:00", "0 8 * * 0,1,5,6", "每周一、五、六、日 8:00"],
    ["每周六日 9:00", "0 9 * * 0,6", "每周末 9:00"],
    ["每周末 9:00", "0 9 * * 0,6", "每周末 9:00"],
    ["每周一二三四五六日 9:00", "0 9 * * *", "每天 9:00"],
    ["工作日 8:00", "0 8 * * 1-5", "工作日 8:00"],
    ["每个工作日早上8点", "0 8 * * 1-5", "工作日 8:00"],
    ["每月1日 9:00", "0 9 1 * *", "每月1日 9:00"],
    ["每月15号 14:30", "30 14 15 * *", "每月15日 14:30"],
    ["每月十五号 上午9点", "0 9 15 * *", "每月15日 9:00"],
    ["每月 15 号 9:00", "0 9 15 * *", "每月15日 9:00"],
    ["每月28日 9:00", "0 9 28 * *", "每月28日 9:00"],
    ["每月30日 9:00", "0 9 30L * *", "每月30日 9:00"],
    ["每月31日 20:00", "0 20 31L * *", "每月31日 20:00"],
    ["每月最后一天 20:00", "0 20 L * *", "每月最后一天 20:00"],
    ["每月底 20:00", "0 20 L * *", "每月最后一天 20:00"],
  ])("%s → %s", (text, expr, label) => {
    expect(spec(text)).toEqual({ kind: "cron", expr, label });
  });

  it.each([
    ["0 20 * * 1-5", "0 20 * * 1-5", "工作日 20:00"],
    ["0 9 1 * *", "0 9 1 * *", "每月1日 9:00"],
    ["0  20 * * 7", "0 20 * * 7", "每周日 20:00"],
    ["30 8 * * 1,3,5", "30 8 * * 1,3,5", "每周一、三、五 8:30"],
    ["*/15 9-17 * * 1-5", "*/15 9-17 * * 1-5", "按 cron 表达式“*/15 9-17 * * 1-5”"],
    ["0 9 31 * *", "0 9 31 * *", "按 cron 表达式“0 9 31 * *”"],
    ["0 9 1-10/3 1,7 *", "0 9 1-10/3 1,7 *", "按 cron 表达式“0 9 1-10/3 1,7 *”"],
    ["0 9 l * *", "0 9 L * *", "每月最后一天 9:00"],
  ])("raw cron %s", (text, expr, label) => {
    expect(spec(text)).toEqual({ kind: "cron", expr, label });
  });

  it("reads full-width forms like half-width ones", () => {
    expect(spec("每天　２０：００")).toEqual(spec("每天 20:00"));
    expect(spec("每周一，三，五　２０：００")).toEqual(spec("每周一三五 20:00"));
    expect(spec("每月１５号　１４：３０")).toEqual(spec("每月15号 14:30"));
    expect(spec("０　２０　＊　＊　１－５")).toEqual(spec("0 20 * * 1-5"));
    expect(spec("２０２７－０１－１５　１４：００")).toEqual(spec("2027-01-15 14:00"));
  });

  it("tolerates a full stop at the end", () => {
    expect(spec("每天20点。")).toEqual(spec("每天 20:00"));
  });
});

describe("parseScheduleTime: one-off", () => {
  const jan15 = { kind: "once", at: sh(2027, 1, 15, 14, 0), label: "2027年1月15日（周五）14:00" };

  it.each(["2027-01-15 14:00", "2027/1/15 14:00", "2027.1.15 14:00", "2027年1月15日 14:00", "2027年1月15号下午2点", "1月15日 14:00", "一月十五日 下午两点"])(
    "%s",
    (text) => {
      expect(spec(text)).toEqual(jan15);
    },
  );

  it.each([
    ["明天 9:00", sh(2026, 11, 28, 9, 0), "2026年11月28日（周六）9:00"],
    ["后天 20:00", sh(2026, 11, 29, 20, 0), "2026年11月29日（周日）20:00"],
    ["大后天 8:00", sh(2026, 11, 30, 8, 0), "2026年11月30日（周一）8:00"],
    ["明晚8点", sh(2026, 11, 28, 20, 0), "2026年11月28日（周六）20:00"],
    ["今天下午3点", sh(2026, 11, 27, 15, 0), "2026年11月27日（周五）15:00"],
    ["11月27日 11:00", sh(2026, 11, 27, 11, 0), "2026年11月27日（周五）11:00"],
  ])("%s", (text, at, label) => {
    expect(spec(text)).toEqual({ kind: "once", at, label });
  });

  it("takes a month-day that has passed this year as next year's", () => {
    expect(spec("11月27日 9:00")).toMatchObject({ at: sh(2027, 11, 27, 9, 0) });
    expect(spec("3月1日 9:00")).toMatchObject({ at: sh(2027, 3, 1, 9, 0) });
  });

  it("takes Feb 29 in the next leap year", () => {
    expect(spec("2月29日 9:00")).toMatchObject({ at: sh(2028, 2, 29, 9, 0) });
  });

  it("reads 明天 from the Beijing date, not the UTC one", () => {
    // 2026-11-27 20:00Z is already the 28th, 04:00, in Shanghai.
    const now = new Date("2026-11-27T20:00:00Z");
    expect(spec("明天 7:30", now)).toMatchObject({ at: new Date("2026-11-28T23:30:00Z") });
    expect(spec("明天 7:30", now, "UTC")).toMatchObject({ at: new Date("2026-11-28T07:30:00Z") });
  });

  it("puts the same wall-clock time 8 hours apart in UTC and Asia/Shanghai", () => {
    const shanghai = spec("2027-01-15 14:00", NOW, "Asia/Shanghai");
    const utc = spec("2027-01-15 14:00", NOW, "UTC");
    expect(shanghai).toMatchObject({ at: new Date("2027-01-15T06:00:00Z") });
    expect(utc).toMatchObject({ at: new Date("2027-01-15T14:00:00Z") });
  });
});

describe("parseScheduleTime: errors", () => {
  it.each([
    ["每天 25:00", "25点"],
    ["每天 20:60", "60分"],
    ["每天 8:5", "几点"],
    ["每周八 8:00", "星期几"],
    ["下周吧", "下周吧"],
    ["", "请写上提醒时间"],
    ["   ", "请写上提醒时间"],
    ["每月32日 9:00", "32日"],
    ["每月几号 9:00", "每月几号"],
    ["0 25 * * *", "小时"],
    ["0 20 * * 8", "星期"],
    ["0 20 * *", "没看懂"],
    ["5/15 * * * *", "分钟"],
    ["0 0 30 2 *", "永远不会触发"],
    ["2026-11-01 9:00", "这个时间已经过去了"],
    ["今天 9:00", "这个时间已经过去了"],
    ["2029-06-01 9:00", "太远"],
    ["2027-02-30 9:00", "没有2027年2月30日"],
    ["2月30日 9:00", "没有2月30日"],
    ["每天", "几点"],
    ["每天晚上12点", "有歧义"],
    ["每天下午0点", "有歧义"],
    ["每天早上20点", "对不上"],
    ["每天 20:00 吧", "吧"],
    ["周一 8:00", "没看懂"],
  ])("%j", (text, reason) => {
    const r = parseScheduleTime(text, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain(reason);
    expect(r.error).toContain("例如");
  });
});

describe("parseLeadingSchedule", () => {
  it.each([
    ["每天 20:00 学习强国打卡", "0 20 * * *", "学习强国打卡"],
    ["每天晚上8点学习强国打卡！", "0 20 * * *", "学习强国打卡！"],
    ["每周一三五 20:00　交学习心得，别忘了", "0 20 * * 1,3,5", "交学习心得，别忘了"],
    ["０ ２０ ＊ ＊ １－５ 打卡", "0 20 * * 1-5", "打卡"],
    ["每天8点一起学习", "0 8 * * *", "一起学习"],
    ["每天8点半", "30 8 * * *", ""],
  ])("%s", (text, expr, rest) => {
    const r = parseLeadingSchedule(text, NOW);
    expect(r).toMatchObject({ ok: true, spec: { kind: "cron", expr }, rest });
  });

  it("returns the one-off and the text after it", () => {
    expect(parseLeadingSchedule("明天 9:00 村委会开会", NOW)).toMatchObject({ ok: true, spec: { at: sh(2026, 11, 28, 9, 0) }, rest: "村委会开会" });
  });

  it("fails when nothing at the start is a time", () => {
    const r = parseLeadingSchedule("学习强国打卡 每天 20:00", NOW);
    expect(r.ok).toBe(false);
  });
});

describe("nextFiring", () => {
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

  it("crosses the year end", () => {
    const next = nextFiring(spec("每天 20:00"), sh(2026, 12, 31, 21, 0));
    expect(next).toEqual(sh(2027, 1, 1, 20, 0));
    expect(next!.toISOString()).toBe("2027-01-01T12:00:00.000Z");
  });

  it("fires strictly after the given instant", () => {
    const s = spec("每天 20:00");
    expect(nextFiring(s, sh(2026, 11, 27, 20, 0))).toEqual(sh(2026, 11, 28, 20, 0));
    expect(nextFiring(s, new Date(sh(2026, 11, 27, 19, 59).getTime() + 30_000))).toEqual(sh(2026, 11, 27, 20, 0));
  });

  it("wraps a weekly schedule round to the next week", () => {
    const s = spec("每周一三五 20:00");
    // Friday 20:00 has just fired; next is Monday.
    expect(nextFiring(s, sh(2026, 11, 27, 20, 0))).toEqual(sh(2026, 11, 30, 20, 0));
    expect(nextFiring(s, sh(2026, 11, 30, 20, 0))).toEqual(sh(2026, 12, 2, 20, 0));
    expect(nextFiring(spec("每周日 9点"), sh(2026, 11, 29, 9, 30))).toEqual(sh(2026, 12, 6, 9, 0));
  });

  it("skips the weekend for 工作日", () => {
    const s = spec("工作日 8:00");
    expect(nextFiring(s, sh(2026, 11, 27, 9, 0))).toEqual(sh(2026, 11, 30, 8, 0));
    expect(nextFiring(s, sh(2026, 11, 28, 7, 0))).toEqual(sh(2026, 11, 30, 8, 0));
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

  it("returns a one-off until it has passed", () => {
    const s = spec("明天 9:00");
    expect(nextFiring(s, NOW)).toEqual(sh(2026, 11, 28, 9, 0));
    expect(nextFiring(s, sh(2026, 11, 28, 9, 0))).toBeNull();
  });

  it("reads wall-clock times in the given zone, across the UTC day boundary", () => {
    const s = spec("每天 7:30");
    const after = new Date("2026-11-27T00:00:00Z"); // 08:00 on the 27th in Shanghai
    expect(nextFiring(s, after)).toEqual(new Date("2026-11-27T23:30:00Z")); // 07:30 on the 28th
    expect(nextFiring(s, after, "UTC")).toEqual(new Date("2026-11-27T07:30:00Z"));
    const s20 = spec("每天 20:00");
    const a = nextFiring(s20, after, "Asia/Shanghai")!;
    const b = nextFiring(s20, after, "UTC")!;
    expect(b.getTime() - a.getTime()).toBe(8 * 3600_000);
  });

  it("follows daylight saving in a zone that has it", () => {
    const s = cron("0 9 * * *");
    expect(nextFiring(s, new Date("2027-03-13T12:00:00Z"), "America/New_York")).toEqual(new Date("2027-03-13T14:00:00Z"));
    expect(nextFiring(s, new Date("2027-03-14T12:00:00Z"), "America/New_York")).toEqual(new Date("2027-03-14T13:00:00Z"));
  });

  it("throws on a malformed stored expression", () => {
    expect(() => nextFiring(cron("0 20 * *"), NOW)).toThrow();
  });
});

describe("firingsBetween", () => {
  it("lists the firings missed during a 3-hour downtime", () => {
    const s = cron("0,30 * * * *");
    expect(firingsBetween(s, sh(2026, 11, 27, 9, 10), sh(2026, 11, 27, 12, 10))).toEqual([
      sh(2026, 11, 27, 9, 30),
      sh(2026, 11, 27, 10, 0),
      sh(2026, 11, 27, 10, 30),
      sh(2026, 11, 27, 11, 0),
      sh(2026, 11, 27, 11, 30),
      sh(2026, 11, 27, 12, 0),
    ]);
    expect(firingsBetween(spec("每天晚上8点"), sh(2026, 11, 27, 19, 0), sh(2026, 11, 27, 22, 0))).toEqual([sh(2026, 11, 27, 20, 0)]);
  });

  it("excludes `from` and includes `to`", () => {
    const s = cron("0,30 * * * *");
    expect(firingsBetween(s, sh(2026, 11, 27, 9, 30), sh(2026, 11, 27, 10, 30))).toEqual([sh(2026, 11, 27, 10, 0), sh(2026, 11, 27, 10, 30)]);
  });

  it("returns nothing when nothing was missed", () => {
    expect(firingsBetween(spec("每天 20:00"), sh(2026, 11, 27, 10, 0), sh(2026, 11, 27, 13, 0))).toEqual([]);
  });

  it("includes a one-off only inside the window", () => {
    const s = spec("明天 9:00");
    expect(firingsBetween(s, sh(2026, 11, 28, 8, 0), sh(2026, 11, 28, 11, 0))).toEqual([sh(2026, 11, 28, 9, 0)]);
    expect(firingsBetween(s, sh(2026, 11, 28, 9, 0), sh(2026, 11, 28, 11, 0))).toEqual([]);
  });

  it("stops at MAX_FIRINGS, keeping the earliest", () => {
    const out = firingsBetween(cron("* * * * *"), NOW, sh(2026, 11, 28));
    expect(out).toHaveLength(MAX_FIRINGS);
    expect(out[0]).toEqual(sh(2026, 11, 27, 10, 1));
  });
});

describe("dueFirings: what to do with firings missed while the bot was down", () => {
  const H = 3_600_000;
  const daily = () => spec("每天 20:00");

  it("sends a firing that is due now", () => {
    expect(dueFirings(daily(), sh(2026, 11, 27, 20, 0), sh(2026, 11, 27, 20, 0), 2 * H)).toEqual({
      send: sh(2026, 11, 27, 20, 0),
      skipped: [],
      truncated: false,
      next: sh(2026, 11, 28, 20, 0),
    });
  });

  it("sends a firing missed by less than the window, late", () => {
    const r = dueFirings(daily(), sh(2026, 11, 27, 20, 0), sh(2026, 11, 27, 21, 30), 2 * H);
    expect(r.send).toEqual(sh(2026, 11, 27, 20, 0));
    expect(r.skipped).toEqual([]);
  });

  it("skips a firing missed by more than the window", () => {
    const r = dueFirings(daily(), sh(2026, 11, 27, 20, 0), sh(2026, 11, 27, 22, 30), 2 * H);
    expect(r).toEqual({ send: null, skipped: [sh(2026, 11, 27, 20, 0)], truncated: false, next: sh(2026, 11, 28, 20, 0) });
  });

  it("after three days down sends only the latest still useful firing and skips the rest", () => {
    const r = dueFirings(daily(), sh(2026, 11, 25, 20, 0), sh(2026, 11, 27, 21, 0), 2 * H);
    expect(r.send).toEqual(sh(2026, 11, 27, 20, 0));
    expect(r.skipped).toEqual([sh(2026, 11, 25, 20, 0), sh(2026, 11, 26, 20, 0)]);
  });

  it("of several firings inside the window sends one, the latest", () => {
    const r = dueFirings(cron("0,30 * * * *"), sh(2026, 11, 27, 9, 0), sh(2026, 11, 27, 10, 10), 2 * H);
    expect(r.send).toEqual(sh(2026, 11, 27, 10, 0));
    expect(r.skipped).toEqual([sh(2026, 11, 27, 9, 0), sh(2026, 11, 27, 9, 30)]);
  });

  it("treats the pending time as a firing even when it is off the schedule's grid", () => {
    const r = dueFirings(spec("每月1日 9:00"), sh(2026, 11, 27, 10, 0), sh(2026, 11, 27, 10, 1), 2 * H);
    expect(r.send).toEqual(sh(2026, 11, 27, 10, 0));
    expect(r.next).toEqual(sh(2026, 12, 1, 9, 0));
  });

  it("ends a one-off once it has fired", () => {
    const r = dueFirings(spec("明天 9:00"), sh(2026, 11, 28, 9, 0), sh(2026, 11, 28, 9, 0), 2 * H);
    expect(r).toEqual({ send: sh(2026, 11, 28, 9, 0), skipped: [], truncated: false, next: null });
  });

  it("lists at most MAX_FIRINGS skipped firings of a long outage and says there were more", () => {
    const r = dueFirings(cron("* * * * *"), sh(2026, 11, 20, 0, 0), sh(2026, 11, 27, 10, 0), 2 * H);
    expect(r.skipped.length).toBeLessThanOrEqual(2 * MAX_FIRINGS);
    expect(r.truncated).toBe(true);
    expect(r.send).toEqual(sh(2026, 11, 27, 10, 0));
  });
});

describe("parseLead: how long before a one-off its reminder goes", () => {
  it.each([
    ["1天", 1440],
    ["一天", 1440],
    ["2小时", 120],
    ["两小时", 120],
    ["3个小时", 180],
    ["30分钟", 30],
    ["半天", 720],
    ["半小时", 30],
    ["２小时", 120],
  ])("%s → %i minutes", (text, minutes) => {
    expect(parseLead(text)).toBe(minutes);
  });

  it.each(["", "一会儿", "0分钟", "1.5小时", "31天", "明天"])("refuses %j", (text) => {
    expect(parseLead(text)).toBeNull();
  });

  it("allows up to thirty days", () => {
    expect(parseLead("30天")).toBe(MAX_LEAD_MINUTES);
  });
});
