import { describe, expect, it } from "vitest";
import { parseRsvp } from "../../src/domain/symposium/rsvp.ts";

describe("parseRsvp", () => {
  it.each(["参加", "我来", "能来", "好的我参加", "一定准时到！", "+1", "@陈委员 参加", "去", "OK 我参加", "报名"])("reads %s as yes", (text) => {
    expect(parseRsvp(text)).toEqual({ answer: "yes" });
  });

  it.each(["来不了", "去不了了抱歉", "不去了", "参加不了", "不参加"])("reads %s as no", (text) => {
    expect(parseRsvp(text)).toEqual({ answer: "no" });
  });

  it.each(["不一定", "尽量参加", "争取到", "看情况吧", "可能来不了", "不一定能参加"])("reads %s as maybe", (text) => {
    expect(parseRsvp(text)).toEqual({ answer: "maybe" });
  });

  it("keeps the reason someone gives, without the polite words around it", () => {
    expect(parseRsvp("请假，家里有事")).toEqual({ answer: "no", reason: "家里有事" });
    expect(parseRsvp("不好意思，那天要出差，参加不了")).toEqual({ answer: "no", reason: "那天要出差" });
    expect(parseRsvp("在外地赶不回来")).toEqual({ answer: "no", reason: "在外地" });
  });

  it("reads an excuse without a no as a no", () => {
    expect(parseRsvp("家里老人住院了")).toEqual({ answer: "no", reason: "家里老人住院" });
  });

  it("lets the first clause that answers decide, and keeps the rest as a note", () => {
    expect(parseRsvp("参加，可能晚到半小时")).toEqual({ answer: "yes", reason: "可能晚到半小时" });
    expect(parseRsvp("我参加，我妈也想来")).toEqual({ answer: "yes", reason: "我妈也想来" });
    expect(parseRsvp("那天我值班，去不了，下次一定")).toEqual({ answer: "no", reason: "那天我值班，下次一定" });
  });

  it("returns null for questions, thanks and bare acknowledgements", () => {
    for (const text of ["几点开始？", "我能带孩子来吗？", "在哪里开", "收到", "好的", "谢谢书记", "有事找我", "我参加了上次的培训，很有收获"]) {
      expect(parseRsvp(text), text).toBeNull();
    }
  });

  it("answers after a question in the same message", () => {
    expect(parseRsvp("几点开始？我参加")).toEqual({ answer: "yes" });
  });

  it("cuts a long note by characters, keeping emoji whole", () => {
    const reason = parseRsvp(`来不了，${"😀".repeat(150)}`)!.reason!;
    expect([...reason]).toHaveLength(101);
    expect(reason.endsWith("😀…")).toBe(true);
  });
});
