import { describe, expect, it } from "vitest";
import { REMINDER_KIND } from "../../src/domain/glossary.ts";
import { checkTemplate, DEFAULT_TEMPLATES, renderTemplate, TEMPLATE_VARIABLES } from "../../src/domain/reminder-template.ts";

const ALLOWED = "{群名}、{日期}、{时间}、{主题}、{链接}、{地点}";
const BASIC = { 群名: "青山村", 日期: "11月27日（周五）", 时间: "20:00" };
const FULL = { ...BASIC, 主题: "党的二十届四中全会精神", 链接: "https://example.org/study", 地点: "村委会二楼会议室" };

describe("DEFAULT_TEMPLATES", () => {
  it("has one template per reminder kind, each using only known variables", () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual(Object.keys(REMINDER_KIND).sort());
    for (const template of Object.values(DEFAULT_TEMPLATES)) expect(checkTemplate(template)).toEqual({ ok: true });
  });

  it("reads the online study reminder with everything filled in", () => {
    expect(renderTemplate(DEFAULT_TEMPLATES.online_study, FULL)).toBe(
      "【学习提醒】青山村的同志们，今天是11月27日（周五），别忘了在学习强国、共产党员网上学习一会儿，学完发“/打卡 平台 分钟”记录一下。\n" +
        "今天推荐：党的二十届四中全会精神\n" +
        "https://example.org/study",
    );
  });

  it("drops the optional lines of the online study reminder when topic and link are empty", () => {
    expect(renderTemplate(DEFAULT_TEMPLATES.online_study, BASIC)).toBe(
      "【学习提醒】青山村的同志们，今天是11月27日（周五），别忘了在学习强国、共产党员网上学习一会儿，学完发“/打卡 平台 分钟”记录一下。",
    );
  });

  it("reads the training notice with time and place", () => {
    expect(renderTemplate(DEFAULT_TEMPLATES.training, FULL)).toBe(
      "【培训通知】青山村的同志们，11月27日（周五） 20:00有一场培训，请提前安排好手头的事，准时参加。\n" +
        "培训内容：党的二十届四中全会精神\n" +
        "培训地点：村委会二楼会议室\n" +
        "https://example.org/study",
    );
  });

  it.each(Object.keys(DEFAULT_TEMPLATES) as (keyof typeof DEFAULT_TEMPLATES)[])(
    "%s reads naturally with only group, date and time",
    (kind) => {
      const text = renderTemplate(DEFAULT_TEMPLATES[kind], BASIC);
      expect(text).toContain("青山村的同志们");
      expect(text).not.toMatch(/[{｛}｝]|（）|\(\)|“”|：$|：\n|\n\n|  | \n|\s$/);
      expect(text).not.toMatch(/内容|主题：|地点|https/);
    },
  );

  it.each(Object.keys(DEFAULT_TEMPLATES) as (keyof typeof DEFAULT_TEMPLATES)[])("%s shows every value it is given", (kind) => {
    const text = renderTemplate(DEFAULT_TEMPLATES[kind], FULL);
    expect(text).toContain("青山村");
    expect(text).toContain("https://example.org/study");
    if (kind !== "online_study") expect(text).toContain("20:00");
    if (kind !== "online_study") expect(text).toContain("村委会二楼会议室");
  });

  it("mentions the time and the place of a training", () => {
    expect(DEFAULT_TEMPLATES.training).toContain("{时间}");
    expect(DEFAULT_TEMPLATES.training).toContain("{地点}");
  });
});

describe("checkTemplate", () => {
  it("accepts every variable, in ASCII or full-width braces", () => {
    expect(checkTemplate(TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(" "))).toEqual({ ok: true });
    expect(checkTemplate("｛群名｝的同志们，｛日期｝开会")).toEqual({ ok: true });
    expect(checkTemplate("今晚开会，不用变量也行")).toEqual({ ok: true });
  });

  it("names an unknown variable and lists the allowed ones", () => {
    expect(checkTemplate("{群名}的同志们，{地址}见")).toEqual({
      ok: false,
      error: `模板里的{地址}不是可用的变量，可用的有：${ALLOWED}`,
    });
  });

  it("names every unknown variable once, full-width ones too", () => {
    expect(checkTemplate("｛人名｝{人名}{时刻}")).toEqual({
      ok: false,
      error: `模板里的{人名}、{时刻}不是可用的变量，可用的有：${ALLOWED}`,
    });
  });

  it("refuses an empty template", () => {
    expect(checkTemplate("")).toEqual({ ok: false, error: "提醒内容不能为空" });
    expect(checkTemplate("  \n ")).toEqual({ ok: false, error: "提醒内容不能为空" });
  });

  it("refuses a template over 500 characters and accepts exactly 500", () => {
    expect(checkTemplate("学".repeat(500))).toEqual({ ok: true });
    expect(checkTemplate("学".repeat(501))).toEqual({ ok: false, error: "提醒内容最多500个字，现在有501个字" });
  });
});

describe("renderTemplate", () => {
  it("fills ASCII and full-width placeholders", () => {
    expect(renderTemplate("｛群名｝今晚{时间}开会", { 群名: "青山村", 时间: "20:00" })).toBe("青山村今晚20:00开会");
  });

  it("leaves out a missing variable and the space before it", () => {
    expect(renderTemplate("{日期} {时间}开会", { 日期: "11月27日" })).toBe("11月27日开会");
    expect(renderTemplate("{日期} {时间} 开会", { 日期: "11月27日" })).toBe("11月27日 开会");
  });

  it("treats an empty or blank value like a missing one", () => {
    expect(renderTemplate("开会（{地点}）", { 地点: "  " })).toBe("开会");
  });

  it("leaves no empty brackets behind", () => {
    expect(renderTemplate("学习一会儿（{主题}），学完打卡", {})).toBe("学习一会儿，学完打卡");
    expect(renderTemplate("学习一会儿({主题})", {})).toBe("学习一会儿");
    expect(renderTemplate("【{主题}】学习一会儿", {})).toBe("学习一会儿");
    expect(renderTemplate("学习“{主题}”", {})).toBe("学习");
  });

  it("leaves no dangling colon or doubled comma", () => {
    expect(renderTemplate("今晚有培训：{主题}\n请准时", {})).toBe("今晚有培训\n请准时");
    expect(renderTemplate("学习一会儿，{主题}，学完打卡", {})).toBe("学习一会儿，学完打卡");
    expect(renderTemplate("{群名}，大家好", {})).toBe("大家好");
  });

  it("drops a line that only had a label and an empty variable", () => {
    expect(renderTemplate("明晚开会\n地点：{地点}\n{链接}\n请准时", {})).toBe("明晚开会\n请准时");
    expect(renderTemplate("明晚开会\n会议内容：{主题}\n时间：{日期} {时间}", {})).toBe("明晚开会");
  });

  it("keeps the author's own colon at the end of a line", () => {
    expect(renderTemplate("{群名}的同志们：\n今晚开会", { 群名: "青山村" })).toBe("青山村的同志们：\n今晚开会");
  });

  it("collapses doubled spaces and trims trailing whitespace", () => {
    expect(renderTemplate("今晚  开会 {链接}  \n", {})).toBe("今晚 开会");
  });

  it("does not substitute inside a value", () => {
    expect(renderTemplate("主题：{主题}", { 主题: "{群名}" })).toBe("主题：{群名}");
  });

  it("keeps an unknown placeholder as typed", () => {
    expect(renderTemplate("{地址}见", {})).toBe("{地址}见");
  });
});
