import { describe, expect, it } from "vitest";
import { itemNumber, keyValues, parseCommand, stripLeadingMentions, withoutMentions } from "../../src/domain/command-parser.ts";

const NAMES = ["反馈", "建议", "绑定", "绑定群", "绑定码", "help"];

describe("parseCommand", () => {
  it.each([
    ["/反馈 路灯坏了", { name: "反馈", rest: "路灯坏了" }],
    ["／反馈　路灯坏了", { name: "反馈", rest: "路灯坏了" }],
    ["、反馈 路灯坏了", { name: "反馈", rest: "路灯坏了" }],
    ["/HELP", { name: "help", rest: "" }],
    ["／ＨＥＬＰ", { name: "help", rest: "" }],
    ["@苗圃助手\u2005/反馈 路灯坏了", { name: "反馈", rest: "路灯坏了" }],
    ["@苗圃助手 @王书记 /建议 修路", { name: "建议", rest: "修路" }],
    ["/反馈路灯坏了", { name: "反馈", rest: "路灯坏了" }],
    ["/绑定群 青山镇", { name: "绑定群", rest: "青山镇" }],
    ["/绑定码#3", { name: "绑定码", rest: "#3" }],
    ["/unknown x", { name: "unknown", rest: "x" }],
  ])("%s", (text, expected) => {
    expect(parseCommand(text, NAMES)).toEqual(expected);
  });

  it("keeps the user's punctuation in the text after the name", () => {
    expect(parseCommand("/反馈 路灯，坏了！", NAMES)!.rest).toBe("路灯，坏了！");
  });

  it.each(["路灯坏了", "", "   ", "/", "@苗圃助手 你好", "我说 /反馈"])("%j is not a command", (text) => {
    expect(parseCommand(text, NAMES)).toBeNull();
  });
});

describe("argument helpers", () => {
  it("reads key=value pairs in half- and full-width forms", () => {
    expect(keyValues("张三 村=青山村 类别：大学生 电话＝13800001234")).toEqual({
      positional: ["张三"],
      fields: { 村: "青山村", 类别: "大学生", 电话: "13800001234" },
    });
  });

  it("reads item numbers written several ways", () => {
    expect(["#12", "＃12", "12", "12号"].map(itemNumber)).toEqual([12, 12, 12, 12]);
    expect(itemNumber("十二")).toBeUndefined();
    expect(itemNumber(undefined)).toBeUndefined();
  });

  it("removes mentions, names with spaces included", () => {
    expect(withoutMentions("@Wang Xiao 张三", [{ name: "Wang Xiao" }])).toBe("张三");
    expect(stripLeadingMentions("@a\u2005@b /x")).toBe("/x");
  });
});
