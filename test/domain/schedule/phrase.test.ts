import { describe, expect, it } from "vitest";
import { CRON_FIVE_FIELDS } from "../../../src/domain/schedule/cron.ts";
import { firingsBetween, nextFiring } from "../../../src/domain/schedule/firings.ts";
import { parseLeadingSchedule, parseScheduleTime } from "../../../src/domain/schedule/phrase.ts";
import { DAY, NOW, refusal, sh, spec } from "./fixtures.ts";

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
    const error = refusal(text);
    expect(error).toContain(reason);
    expect(error).toContain("例如");
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

describe("parseScheduleTime: the weekend", () => {
  it.each(["周末上午9点", "周末 9:00", "每周末 9:00", "每个周末早上9点"])("%s is every Saturday and Sunday", (text) => {
    const s = spec(text);
    expect(s).toEqual({ kind: "cron", expr: "0 9 * * 0,6", label: "每周末 9:00" });
    // From Friday morning: Saturday, Sunday, then the next Saturday.
    expect(firingsBetween(s, NOW, sh(2026, 12, 5, 23, 0))).toEqual([sh(2026, 11, 28, 9, 0), sh(2026, 11, 29, 9, 0), sh(2026, 12, 5, 9, 0)]);
  });

  it.each(["这周末 9:00", "本周末 9:00", "下周末上午9点"])("asks which day %s means", (text) => {
    expect(refusal(text)).toMatch(/周六还是周日/);
  });
});

describe("parseScheduleTime: a day of this week or the next (one-off)", () => {
  it.each([
    // Now is Friday 2026-11-27 10:00; the next week starts on Monday the 30th.
    ["下周三下午3点", sh(2026, 12, 2, 15, 0), "2026年12月2日（周三）15:00"],
    ["本周五 20:00", sh(2026, 11, 27, 20, 0), "2026年11月27日（周五）20:00"],
    ["这周六上午10点", sh(2026, 11, 28, 10, 0), "2026年11月28日（周六）10:00"],
    ["这个星期天 晚上8点", sh(2026, 11, 29, 20, 0), "2026年11月29日（周日）20:00"],
    ["下下周一 9:00", sh(2026, 12, 7, 9, 0), "2026年12月7日（周一）9:00"],
    ["下个礼拜二 8:30", sh(2026, 12, 1, 8, 30), "2026年12月1日（周二）8:30"],
    ["下星期日 9点", sh(2026, 12, 6, 9, 0), "2026年12月6日（周日）9:00"],
  ])("%s", (text, at, label) => {
    const s = spec(text);
    expect(s).toEqual({ kind: "once", at, label });
    expect(nextFiring(s, NOW)).toEqual(at);
    expect(nextFiring(s, at)).toBeNull();
  });

  it("counts weeks from Monday, so on a Sunday 下周一 is tomorrow", () => {
    const sunday = sh(2026, 11, 29, 10, 0);
    expect(spec("下周一 9:00", sunday)).toMatchObject({ at: sh(2026, 11, 30, 9, 0) });
    expect(spec("本周日 20:00", sunday)).toMatchObject({ at: sh(2026, 11, 29, 20, 0) });
    expect(spec("下周日 20:00", sunday)).toMatchObject({ at: sh(2026, 12, 6, 20, 0) });
  });

  it("takes this week's day from the Beijing date", () => {
    // 2026-11-29T17:00Z is Monday the 30th, 01:00, in Shanghai: this week is already the next one.
    expect(spec("本周三 9:00", new Date("2026-11-29T17:00:00Z"))).toMatchObject({ at: sh(2026, 12, 2, 9, 0) });
  });

  it.each([
    ["本周一 9:00", "已经过去"],
    ["本周五 9:00", "已经过去"],
    ["下周一三 9:00", "只能写一天"],
    ["下周 9:00", "没看懂“下周 9:00”是什么时间"],
  ])("refuses %s", (text, reason) => {
    expect(refusal(text)).toContain(reason);
  });
});

describe("parseScheduleTime: the n-th or last weekday of a month", () => {
  it.each([
    // November's second Tuesday (the 10th) has passed; December's is the 8th.
    ["每月第二个周二 9:00", "0 9 * * 2#2", "每月第二个周二 9:00", sh(2026, 12, 8, 9, 0)],
    // Monday 30 November is November's fifth Monday, not a first one.
    ["每月第1个星期一 8:30", "30 8 * * 1#1", "每月第一个周一 8:30", sh(2026, 12, 7, 8, 30)],
    // November's last Thursday was yesterday; December's is the 31st.
    ["每月最后一个周四 下午3点", "0 15 * * 4L", "每月最后一个周四 15:00", sh(2026, 12, 31, 15, 0)],
    ["每个月的第三个礼拜五 晚上7点", "0 19 * * 5#3", "每月第三个周五 19:00", sh(2026, 12, 18, 19, 0)],
    ["每月最后一个周五 20:00", "0 20 * * 5L", "每月最后一个周五 20:00", sh(2026, 11, 27, 20, 0)],
    ["每月第一个周日 9:00", "0 9 * * 0#1", "每月第一个周日 9:00", sh(2026, 12, 6, 9, 0)],
  ])("%s", (text, expr, label, next) => {
    const s = spec(text);
    expect(s).toEqual({ kind: "cron", expr, label });
    expect(nextFiring(s, NOW)).toEqual(next);
  });

  it("fires once a month, on the right day, across a year", () => {
    // 9:00 in Beijing is 01:00 UTC, on the same date.
    const days = firingsBetween(spec("每月第二个周二 9:00"), NOW, sh(2027, 12, 31)).map((d) => d.toISOString().slice(0, 10));
    expect(days).toEqual([
      "2026-12-08", "2027-01-12", "2027-02-09", "2027-03-09", "2027-04-13", "2027-05-11", "2027-06-08",
      "2027-07-13", "2027-08-10", "2027-09-14", "2027-10-12", "2027-11-09", "2027-12-14",
    ]);
  });

  it.each([
    ["每月第五个周一 9:00", "最后一个周一"],
    ["每月第六个周一 9:00", "第几个"],
    ["每月第二个周八 9:00", "每月几号"],
  ])("refuses %s", (text, reason) => {
    expect(refusal(text)).toContain(reason);
  });
});

describe("parseScheduleTime: every other week", () => {
  it.each([
    // The first firing is the next matching day; its week (from Monday) is the anchor.
    ["每隔一周的周日 10:00", "0 10 * * 0", "每两周的周日 10:00", 2, "2026-11-23", [sh(2026, 11, 29, 10), sh(2026, 12, 13, 10), sh(2026, 12, 27, 10)]],
    ["隔周周三晚上8点", "0 20 * * 3", "每两周的周三 20:00", 2, "2026-11-30", [sh(2026, 12, 2, 20), sh(2026, 12, 16, 20), sh(2026, 12, 30, 20)]],
    ["每两周的周一 9:00", "0 9 * * 1", "每两周的周一 9:00", 2, "2026-11-30", [sh(2026, 11, 30, 9), sh(2026, 12, 14, 9), sh(2026, 12, 28, 9)]],
    ["隔周五 20:00", "0 20 * * 5", "每两周的周五 20:00", 2, "2026-11-23", [sh(2026, 11, 27, 20), sh(2026, 12, 11, 20), sh(2026, 12, 25, 20)]],
    ["每3周的星期五 9:00", "0 9 * * 5", "每三周的周五 9:00", 3, "2026-11-30", [sh(2026, 12, 4, 9), sh(2026, 12, 25, 9)]],
    ["每隔一周的周二、四 19:30", "30 19 * * 2,4", "每两周的周二、四 19:30", 2, "2026-11-30", [sh(2026, 12, 1, 19, 30), sh(2026, 12, 3, 19, 30), sh(2026, 12, 15, 19, 30), sh(2026, 12, 17, 19, 30), sh(2026, 12, 29, 19, 30), sh(2026, 12, 31, 19, 30)]],
    ["隔周周末上午9点", "0 9 * * 0,6", "每两周的周末 9:00", 2, "2026-11-23", [sh(2026, 11, 28, 9), sh(2026, 11, 29, 9), sh(2026, 12, 12, 9), sh(2026, 12, 13, 9), sh(2026, 12, 26, 9), sh(2026, 12, 27, 9)]],
  ])("%s", (text, expr, label, n, anchor, firings) => {
    const s = spec(text);
    expect(s).toEqual({ kind: "cron", expr, label, everyWeeks: { n, anchor } });
    expect(firingsBetween(s, NOW, sh(2026, 12, 31, 23, 59))).toEqual(firings);
  });

  it("keeps the rhythm across the year end and for two years", () => {
    const s = spec("每隔一周的周日 10:00");
    const out = firingsBetween(s, NOW, sh(2028, 11, 27));
    expect(out).toHaveLength(53);
    for (let i = 1; i < out.length; i++) expect(out[i]!.getTime() - out[i - 1]!.getTime()).toBe(14 * DAY);
  });

  it("reads 每一周 as every week", () => {
    expect(spec("每一周的周一 9:00")).toEqual({ kind: "cron", expr: "0 9 * * 1", label: "每周一 9:00" });
  });

  it.each([
    ["每隔两周的周一 9:00", "每2周或每3周"],
    ["每十三周的周一 9:00", "1到12周"],
    ["隔周 9:00", "星期几"],
  ])("refuses %s", (text, reason) => {
    expect(refusal(text)).toContain(reason);
  });
});

describe("parseScheduleTime: six-field cron lines", () => {
  it.each(["0 0 20 * * *", "0 0 20 * * 1-5", "0 0 20 * * ? 学习", "0 0 20 * * * 学习强国", "０ ０ ２０ ＊ ＊ ＊"])("refuses %j with the 5-field form", (text) => {
    expect(parseScheduleTime(text, NOW)).toEqual({ ok: false, error: CRON_FIVE_FIELDS });
    expect(parseLeadingSchedule(text, NOW)).toEqual({ ok: false, error: CRON_FIVE_FIELDS });
  });

  it("still reads five fields followed by a topic", () => {
    expect(parseLeadingSchedule("0 20 * * 1-5 学习强国 打卡", NOW)).toMatchObject({ ok: true, spec: { expr: "0 20 * * 1-5" }, rest: "学习强国 打卡" });
  });

  it("reads a Quartz-style weekday in a raw line back into Chinese", () => {
    expect(spec("0 9 * * 2#2")).toEqual({ kind: "cron", expr: "0 9 * * 2#2", label: "每月第二个周二 9:00" });
    expect(spec("0 15 * * 4l")).toEqual({ kind: "cron", expr: "0 15 * * 4L", label: "每月最后一个周四 15:00" });
  });
});
