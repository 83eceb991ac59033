import { describe, expect, it } from "vitest";
import { CHECKIN_USAGE, parseCheckin } from "../../src/domain/checkin.ts";

function value(rest: string) {
  const r = parseCheckin(rest);
  if (!r.ok) throw new Error(`${rest}: ${r.error}`);
  return r.value;
}

function error(rest: string): string {
  const r = parseCheckin(rest);
  if (r.ok) throw new Error(`${rest} parsed as ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("parseCheckin: whole commands", () => {
  it.each([
    ["", { platform: "其他", content: null, minutes: null }],
    ["学习强国 30分钟", { platform: "学习强国", content: null, minutes: 30 }],
    ["党校 乡村振兴专题 1.5小时", { platform: "党校", content: "乡村振兴专题", minutes: 90 }],
    ["共产党员网 党章学习 45", { platform: "共产党员网", content: "党章学习", minutes: 45 }],
    ["30分钟", { platform: "其他", content: null, minutes: 30 }],
    ["30", { platform: "其他", content: null, minutes: 30 }],
    ["学习强国", { platform: "学习强国", content: null, minutes: null }],
    ["党章学习 30分钟", { platform: "其他", content: "党章学习", minutes: 30 }],
    ["平台=学习强国 内容=党史 时长=40", { platform: "学习强国", content: "党史", minutes: 40 }],
    ["三会一课 支部党员大会", { platform: "三会一课", content: "支部党员大会", minutes: null }],
    ["主题党日 重温入党誓词 两小时", { platform: "主题党日", content: "重温入党誓词", minutes: 120 }],
    ["线下 村史馆参观 1小时", { platform: "线下学习", content: "村史馆参观", minutes: 60 }],
    ["其他 读报", { platform: "其他", content: "读报", minutes: null }],
  ])("%j", (rest, expected) => {
    expect(value(rest)).toEqual(expected);
  });
});

describe("parseCheckin: platforms", () => {
  it.each([
    ["强国", "学习强国"],
    ["xxqg", "学习强国"],
    ["XXQG", "学习强国"],
    ["ｘｘｑｇ", "学习强国"],
    ["党员网", "共产党员网"],
    ["线下学习", "线下学习"],
    ["线下", "线下学习"],
  ])("%s → %s", (word, platform) => {
    expect(value(`${word} 20分钟`).platform).toBe(platform);
  });

  it("only reads the platform from the first word", () => {
    expect(value("读书 学习强国 20分钟")).toEqual({ platform: "其他", content: "读书 学习强国", minutes: 20 });
  });
});

describe("parseCheckin: durations", () => {
  it.each([
    ["30", 30],
    ["30分钟", 30],
    ["30分", 30],
    ["30min", 30],
    ["30 分钟", 30],
    ["1小时", 60],
    ["1.5小时", 90],
    ["2h", 120],
    ["半小时", 30],
    ["半个小时", 30],
    ["一小时", 60],
    ["两小时", 120],
    ["一个半小时", 90],
    ["一小时半", 90],
    ["1小时20分钟", 80],
    ["1小时20", 80],
    ["1小时 20分钟", 80],
    ["三十分钟", 30],
    ["十五分钟", 15],
    ["四十五分钟", 45],
    ["一百二十分钟", 120],
    ["一百零五分钟", 105],
    ["三百分钟", 300],
    ["６００分钟", 600],
    ["１", 1],
    ["３０ｍｉｎ", 30],
    ["30分钟。", 30],
  ])("学习强国 %s → %i minutes", (duration, minutes) => {
    expect(value(`学习强国 ${duration}`)).toEqual({ platform: "学习强国", content: null, minutes });
  });

  it("takes a bare number as minutes only at the end", () => {
    expect(value("党校 第3讲 45")).toEqual({ platform: "党校", content: "第3讲", minutes: 45 });
    expect(value("党校 3 乡村振兴")).toEqual({ platform: "党校", content: "3 乡村振兴", minutes: null });
    expect(value("党校 二十大报告")).toEqual({ platform: "党校", content: "二十大报告", minutes: null });
  });

  it("does not run two numbers together", () => {
    expect(value("党校 30 20分钟")).toEqual({ platform: "党校", content: "30", minutes: 20 });
  });

  it.each(["0", "0分钟", "601分钟", "11小时", "十一小时", "0.001小时", "学习强国 0"])("refuses %j as out of range", (rest) => {
    expect(error(rest)).toBe("学习时长要在1到600分钟之间");
  });

  it("refuses two durations", () => {
    expect(error("学习强国 30分钟 1小时")).toBe("时长只写一个就好");
  });
});

describe("parseCheckin: content", () => {
  it("keeps the content as typed, joined with one space", () => {
    expect(value("党校　乡村振兴　ＡＩ专题  30分钟").content).toBe("乡村振兴 ＡＩ专题");
  });

  it("accepts 200 characters and refuses more", () => {
    expect(value(`党校 ${"学".repeat(200)}`).content).toHaveLength(200);
    expect(error(`党校 ${"学".repeat(201)}`)).toBe("学习内容最多200个字");
  });
});

describe("parseCheckin: keys", () => {
  it("lets keys override the words", () => {
    expect(value("党校 1小时 平台=学习强国 时长=20")).toEqual({ platform: "学习强国", content: null, minutes: 20 });
  });

  it("reads full-width keys and 分钟= as the duration", () => {
    expect(value("平台：强国 分钟＝三十")).toEqual({ platform: "学习强国", content: null, minutes: 30 });
    expect(value("时长=1.5小时")).toEqual({ platform: "其他", content: null, minutes: 90 });
  });

  it("puts a 内容= value before the other words rather than losing them", () => {
    expect(value("学习强国 内容=党史 学习 30")).toEqual({ platform: "学习强国", content: "党史 学习", minutes: 30 });
  });

  it("names an unknown key", () => {
    expect(error("学习强国 时间=30")).toBe("不认识“时间”这一项，可以写平台=、内容=、时长=");
  });

  it("names an unknown platform given by key", () => {
    expect(error("平台=抖音")).toBe("没有“抖音”这个平台，可以写学习强国、共产党员网、党校、三会一课、主题党日、线下学习、其他");
  });

  it("names a duration it cannot read", () => {
    expect(error("时长=很久")).toBe("没看懂时长“很久”，可以写30分钟或1.5小时");
    expect(error("时长=1.5")).toBe("没看懂时长“1.5”，可以写30分钟或1.5小时");
  });

  it("checks the range of a duration given by key", () => {
    expect(error("时长=700")).toBe("学习时长要在1到600分钟之间");
  });
});

describe("errors", () => {
  it("are one short sentence each; the caller appends the usage", () => {
    for (const rest of ["0", "学习强国 30分钟 1小时", `党校 ${"学".repeat(201)}`, "时间=3", "平台=抖音", "时长=很久"]) {
      const e = error(rest);
      expect(e).not.toMatch(/[。\n]/);
      expect(e.length).toBeLessThanOrEqual(60);
    }
    expect(CHECKIN_USAGE).toBe("/打卡 [平台] [内容] [时长]，例如：/打卡 学习强国 30分钟、/打卡 党校 乡村振兴专题 2小时");
  });
});

describe("parseCheckin: colons in what was studied", () => {
  it("keeps a colon in the content instead of refusing it as an unknown key", () => {
    expect(parseCheckin("共产党员网 党章：第一章 40分钟")).toEqual({ ok: true, value: { platform: "共产党员网", content: "党章：第一章", minutes: 40 } });
  });
  it("still refuses an unknown key written with =", () => {
    const r = parseCheckin("地点=党校 30分钟");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("不认识“地点”");
  });
});

describe("parseCheckin: words every object has", () => {
  it("reads “constructor” as content, not as a platform", () => {
    expect(parseCheckin("constructor 30分钟")).toEqual({ ok: true, value: { platform: "其他", content: "constructor", minutes: 30 } });
  });
});
