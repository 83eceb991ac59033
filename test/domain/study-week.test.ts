import { describe, expect, it } from "vitest";
import {
  cadreDigestText,
  groupCountText,
  groupSummaryText,
  nudgeText,
  silentPeople,
  type StudyPerson,
  weekOf,
} from "../../src/domain/study-week.ts";

const NOW = new Date("2026-11-27T12:00:00+08:00"); // a Friday

function person(memberId: number, name: string, checkins: number, lastCheckinAt: string | null = null): StudyPerson {
  return { memberId, name, checkins, lastCheckinAt: lastCheckinAt === null ? null : new Date(lastCheckinAt) };
}

describe("weekOf", () => {
  it("runs from Monday 00:00 to the next Monday 00:00, Beijing time", () => {
    expect(weekOf(NOW)).toEqual({
      start: new Date("2026-11-23T00:00:00+08:00"),
      end: new Date("2026-11-30T00:00:00+08:00"),
      key: "2026-W48",
      label: "11月23日—11月29日",
    });
  });

  it("puts Monday 00:00 in the new week and Sunday 23:59 in the old one", () => {
    expect(weekOf(new Date("2026-11-23T00:00:00+08:00")).key).toBe("2026-W48");
    expect(weekOf(new Date("2026-11-22T23:59:59+08:00")).key).toBe("2026-W47");
  });

  it("uses the Beijing date, not the server's", () => {
    // 2026-11-22 17:00 UTC is already Monday 01:00 in Shanghai.
    expect(weekOf(new Date("2026-11-22T17:00:00Z")).label).toBe("11月23日—11月29日");
  });

  it("labels a week across a month end", () => {
    expect(weekOf(new Date("2026-12-01T09:00:00+08:00"))).toMatchObject({ key: "2026-W49", label: "11月30日—12月6日" });
  });

  it("puts 2026-12-31 and 2027-01-01 in 2026-W53 with years in the label", () => {
    const expected = {
      start: new Date("2026-12-28T00:00:00+08:00"),
      end: new Date("2027-01-04T00:00:00+08:00"),
      key: "2026-W53",
      label: "2026年12月28日—2027年1月3日",
    };
    expect(weekOf(new Date("2026-12-31T12:00:00+08:00"))).toEqual(expected);
    expect(weekOf(new Date("2027-01-01T00:30:00+08:00"))).toEqual(expected);
  });

  it("starts 2027-W01 on Monday 4 January", () => {
    expect(weekOf(new Date("2027-01-04T08:00:00+08:00"))).toMatchObject({ key: "2027-W01", label: "1月4日—1月10日" });
  });

  it("gives the days before 1 January to next year's first week when its Thursday is in January", () => {
    expect(weekOf(new Date("2025-12-29T08:00:00+08:00"))).toMatchObject({ key: "2026-W01", label: "2025年12月29日—2026年1月4日" });
  });

  it("takes another zone when asked", () => {
    const w = weekOf(new Date("2026-11-23T03:00:00Z"), "America/New_York"); // Sunday 22:00 in New York
    expect(w.label).toBe("11月16日—11月22日");
    expect(w.start).toEqual(new Date("2026-11-16T05:00:00Z"));
  });
});

describe("the week a round covers (the week of the day before it runs)", () => {
  it("is the week just ended, for a summary sent on Monday morning", () => {
    expect(weekOf(new Date(new Date("2026-11-30T08:00:00+08:00").getTime() - 86_400_000))).toMatchObject({
      start: new Date("2026-11-23T00:00:00+08:00"),
      key: "2026-W48",
      label: "11月23日—11月29日",
    });
  });

  it("steps back across the year end", () => {
    expect(weekOf(new Date(new Date("2027-01-04T08:00:00+08:00").getTime() - 86_400_000))).toMatchObject({
      key: "2026-W53",
      label: "2026年12月28日—2027年1月3日",
    });
  });
});

describe("groupCountText (the default)", () => {
  it("says how many studied per tier and names nobody", () => {
    const people = [person(1, "张三", 5), person(2, "李四", 3), person(3, "王五", 1), person(4, "赵六", 1), person(5, "孙八", 0)];
    const text = groupCountText("青山村", "11月23日—11月29日", people);
    expect(text).toBe(
      "【学习周报】青山村 11月23日—11月29日\n本周有4位同志学习打卡（坚持天天学1位、学习多次1位、学习过2位）。\n" +
        "感谢大家的坚持！还没来得及学的同志，有空的时候学一会儿，学完发 /打卡 记一下，我们一起进步！",
    );
    for (const p of people) expect(text).not.toContain(p.name);
    expect(groupCountText("青山村", "11月23日—11月29日", [person(5, "孙八", 0)])).toContain("这一周大家都忙");
  });
});

describe("groupSummaryText", () => {
  const LABEL = "11月23日—11月29日";

  it("names people in tiers by words, sorted by name, without the silent ones", () => {
    const people = [
      person(1, "张三", 5),
      person(2, "李四", 7),
      person(3, "王五", 4),
      person(4, "赵六", 2),
      person(5, "钱七", 1),
      person(6, "孙八", 0),
    ];
    expect(groupSummaryText("青山村", LABEL, people)).toBe(
      "【学习周报】青山村 11月23日—11月29日\n" +
        "坚持天天学：李四、张三\n" +
        "学习多次：王五、赵六\n" +
        "学习过：钱七\n" +
        "感谢大家的坚持！还没来得及学的同志，有空的时候学一会儿，学完发 /打卡 记一下，我们一起进步！",
    );
  });

  it.each([
    [5, "坚持天天学"],
    [4, "学习多次"],
    [2, "学习多次"],
    [1, "学习过"],
  ])("puts %i check-ins under %s", (checkins, tier) => {
    expect(groupSummaryText("青山村", LABEL, [person(1, "张三", checkins)])).toContain(`\n${tier}：张三\n`);
  });

  it("shows no counts: no digit outside the week label, no \"N次\" or \"N位\"", () => {
    const people = [person(1, "张伟", 9), person(2, "李娜", 3), person(3, "王芳", 1), person(4, "赵敏", 0), person(5, "孙丽", 0)];
    const text = groupSummaryText("青山村", LABEL, people);
    expect(text.replace(LABEL, "")).not.toMatch(/[0-9０-９]|[一两二三四五六七八九十几](?:次|位|个|名|人)/);
    expect(text).not.toContain("赵敏");
    expect(text).not.toContain("孙丽");
  });

  it("is gentle and names nobody when nobody checked in", () => {
    const text = groupSummaryText("青山村", LABEL, [person(1, "张三", 0), person(2, "李四", 0)]);
    expect(text).toBe(
      "【学习周报】青山村 11月23日—11月29日\n这一周大家都忙，还没看到学习打卡。有空的时候学一会儿，学完发 /打卡 记一下，我们一起加油！",
    );
    expect(groupSummaryText("青山村", LABEL, [])).toBe(text);
  });

  it("lists at most 30 names in a tier, then 等", () => {
    const names = Array.from({ length: 35 }, (_, i) => `成员${String.fromCharCode(0x41 + i)}`);
    const text = groupSummaryText("青山村", LABEL, names.map((n, i) => person(i, n, 1)));
    const line = text.split("\n").find((l) => l.startsWith("学习过："))!;
    const listed = line.slice("学习过：".length);
    expect(listed.endsWith("等")).toBe(true);
    expect(listed.slice(0, -1).split("、")).toEqual([...names].sort((a, b) => a.localeCompare(b, "zh-Hans-CN")).slice(0, 30));
  });

  it("lists exactly 30 names without 等", () => {
    const text = groupSummaryText("青山村", LABEL, Array.from({ length: 30 }, (_, i) => person(i, `成员${String.fromCharCode(0x41 + i)}`, 2)));
    expect(text).not.toContain("等");
  });

  it("sorts Chinese names by pinyin", () => {
    const text = groupSummaryText("青山村", LABEL, [person(1, "张三", 1), person(2, "阿明", 1), person(3, "李四", 1)]);
    expect(text).toContain("学习过：阿明、李四、张三\n");
  });
});

describe("silentPeople", () => {
  const people = [
    person(1, "张三", 0, "2026-11-10T09:00:00+08:00"),
    person(2, "李四", 0),
    person(3, "王五", 1, "2026-11-26T20:00:00+08:00"),
    person(4, "赵六", 0, "2026-11-01T09:00:00+08:00"),
    person(5, "阿明", 0),
    person(6, "钱七", 0, "2026-11-20T12:00:00+08:00"), // exactly 7 days ago
    person(7, "孙八", 0, "2026-11-20T11:59:00+08:00"),
  ];

  it("lists those silent for the last N days: never first, then the longest silent", () => {
    expect(silentPeople(people, NOW, 7).map((p) => p.name)).toEqual(["阿明", "李四", "赵六", "张三", "孙八"]);
  });

  it("does not reorder its input", () => {
    const copy = [...people];
    silentPeople(people, NOW, 7);
    expect(people).toEqual(copy);
  });

  it("is empty when everyone studied recently", () => {
    expect(silentPeople([person(1, "王五", 1, "2026-11-26T20:00:00+08:00")], NOW, 7)).toEqual([]);
  });
});

describe("cadreDigestText", () => {
  it("lists the silent people with their last check-in date", () => {
    const silent = [person(2, "李四", 0), person(1, "张三", 0, "2026-11-10T21:00:00+08:00")];
    expect(cadreDigestText("青山村", silent, 7, NOW)).toBe(
      "【学习情况】青山村：以下2位同志已7天以上没有学习打卡：李四（还没有打过卡）、张三（上次11月10日）。\n" +
        "建议找时间私下问问近况，听听有什么困难，鼓励他们抽空学一学。",
    );
  });

  it("uses the Beijing date of the last check-in", () => {
    // 2026-11-10 17:00 UTC is already 11 November in Beijing.
    expect(cadreDigestText("青山村", [person(1, "张三", 0, "2026-11-10T17:00:00Z")], 7, NOW)).toContain("张三（上次11月11日）");
  });

  it("adds the year to a date from another year", () => {
    const text = cadreDigestText("青山村", [person(1, "张三", 0, "2025-12-30T09:00:00+08:00")], 14, NOW);
    expect(text).toContain("已14天以上没有学习打卡：张三（上次2025年12月30日）。");
  });

  it("says everyone studied when nobody is silent", () => {
    expect(cadreDigestText("青山村", [], 7, NOW)).toBe("【学习情况】青山村：最近7天大家都有学习打卡，没有需要提醒的同志。");
  });

  it("counts everyone but names at most 50, then 等", () => {
    const silent = Array.from({ length: 55 }, (_, i) => person(i, `成员${i}`, 0));
    const text = cadreDigestText("青山村", silent, 7, NOW);
    expect(text).toContain("以下55位同志");
    expect(text).toContain("成员49（还没有打过卡）等。");
    expect(text).not.toContain("成员50");
  });
});

describe("nudgeText", () => {
  it("does not repeat @names in the group version", () => {
    const text = nudgeText("group", ["张三", "李四"]);
    expect(text).toBe("最近工作忙吧？有空的时候学一学，学完发 /打卡 记一下，大家一起进步。");
    expect(text).not.toMatch(/@|张三|李四/);
  });

  it("greets the person by name in the private version", () => {
    expect(nudgeText("private", ["张三"])).toBe(
      "张三同志，你好！最近工作忙吧？有空的时候学一学，学完发 /打卡 记一下。有什么困难随时跟我们说，大家一起进步。",
    );
  });

  it("still reads well privately without a name", () => {
    expect(nudgeText("private", [])).toMatch(/^你好！最近工作忙吧？/);
  });
});
