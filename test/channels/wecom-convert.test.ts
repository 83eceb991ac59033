// What the WeCom channels make of WeCom's payloads and answers, without a network.
import { describe, expect, it } from "vitest";
import { stripBotMention, toChatMessage, toMarkdown, WecomBody, wecomFailureOf } from "../../src/channels/wecom/convert.ts";
import { robotBody } from "../../src/channels/wecom/robot-channel.ts";
import { clipBytes } from "../../src/domain/text.ts";

const at = new Date("2026-11-30T02:00:00Z");
const read = (body: Record<string, unknown>) => toChatMessage(WecomBody.parse(body), { channel: "wecom", botName: "苗圃助手", receivedAt: at });

describe("WeCom payloads", () => {
  it("takes the bot's @name out wherever WeCom puts it, and keeps other @names", () => {
    expect(stripBotMention("@苗圃助手 /帮助", "苗圃助手")).toBe("/帮助");
    expect(stripBotMention("@苗圃助手\u2005/档案 @李娟", "苗圃助手")).toBe("/档案 @李娟");
    expect(stripBotMention("村口路灯坏了 @苗圃助手", "苗圃助手")).toBe("村口路灯坏了");
    expect(stripBotMention("@苗圃助手们 辛苦了", "苗圃助手")).toBe("@苗圃助手们 辛苦了");
  });

  it("reads group text, mixed, voice and images as the bot's messages", () => {
    const base = { msgid: "m1", aibotid: "aib", chatid: "wr1", chattype: "group", from: { userid: "LiJuan" }, create_time: 1764468000 };
    expect(read({ ...base, msgtype: "text", text: { content: "@苗圃助手 今天走访了三户" } })).toMatchObject({
      id: "m1", channel: "wecom", conversation: { id: "wr1", isGroup: true }, sender: { id: "LiJuan", name: "LiJuan" }, kind: "text", text: "今天走访了三户", sentAt: new Date(1764468000 * 1000),
    });
    expect(read({ ...base, msgtype: "mixed", mixed: { msg_item: [{ msgtype: "text", text: { content: "@苗圃助手 看这张照片" } }, { msgtype: "image", image: { url: "u" } }] } })).toMatchObject({ kind: "text", text: "看这张照片" });
    expect(read({ ...base, msgtype: "mixed", mixed: { msg_item: [{ msgtype: "image", image: { url: "u" } }] } })).toMatchObject({ kind: "image", text: "" });
    expect(read({ ...base, msgtype: "voice", voice: { content: "明天上午开会" } })).toMatchObject({ kind: "voice", text: "明天上午开会" });
    expect(read({ ...base, chatid: undefined, chattype: "single", msgtype: "text", text: { content: "你好" } })).toMatchObject({ conversation: { id: "LiJuan", isGroup: false } });
    expect(WecomBody.safeParse({ msgid: "x", chattype: "group" }).success).toBe(false);
  });

  it("reads WeCom's answers as failure kinds", () => {
    expect(wecomFailureOf({ errcode: 45009, errmsg: "api freq out of limit" })).toBe("rate_limited");
    expect(wecomFailureOf({ errcode: 42001, errmsg: "access_token expired" })).toBe("logged_out");
    expect(wecomFailureOf({ errcode: 93000, errmsg: "invalid webhook url" })).toBe("failed");
    expect(wecomFailureOf(new Error("WebSocket not connected, unable to send data"))).toBe("logged_out");
    expect(wecomFailureOf(new Error("Reply ack timeout (5000ms)"))).toBe("failed");
  });

  it("never lets what people wrote @-mention everyone, restyle or link in the bot's markdown", () => {
    // A reserve's words as /待办 quotes them in a township group.
    const quoted = "#12 李娟：<@all> 大家快看 [领补贴](http://example.com/x) <font color=\"warning\">急</font>";
    const md = toMarkdown(quoted, [{ id: "WangShuji" }]);
    expect(md.startsWith("<@WangShuji> ")).toBe(true); // the bot's own mention stays
    expect(md.slice("<@WangShuji> ".length)).not.toMatch(/<|>|\]\(/);
    expect(md).toContain("＜@all＞ 大家快看 [领补贴]\u200b(http://example.com/x)");
    const long = `${quoted}${"乡村振兴学习材料。".repeat(400)}`;
    expect((robotBody({ text: long }) as { markdown: { content: string } }).markdown.content).toContain("＜@all＞");
  });

  it("keeps a robot's message within WeCom's byte limits, cutting between characters", () => {
    expect(robotBody({ text: "今晚八点学习", mentions: [{ id: "LiJuan", name: "李娟" }] })).toEqual({ msgtype: "text", text: { content: "今晚八点学习", mentioned_list: ["LiJuan"] } });
    const long = "乡村振兴学习材料。".repeat(400); // 3,600 characters, 10,800 bytes
    const body = robotBody({ text: long }) as { msgtype: string; markdown: { content: string } };
    expect(body.msgtype).toBe("markdown");
    expect(Buffer.byteLength(body.markdown.content)).toBeLessThanOrEqual(4096);
    expect(body.markdown.content.endsWith("…（内容过长，已截断）")).toBe(true);
    expect(clipBytes("好".repeat(10), 10, "…")).toBe("好好…");
    expect(clipBytes("短", 10)).toBe("短");
  });
});
