import { describe, expect, it } from "vitest";
import { admit } from "../../src/core/admission.ts";
import type { ChatMessage } from "../../src/core/chat-message.ts";

const at = (iso: string, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: "m", channel: "wechat", conversation: { id: "r@chatroom", topic: "群", isGroup: true },
  sender: { id: "u", name: "李娟" }, kind: "text", text: "你好", sentAt: new Date(iso),
  mentions: [], fromSelf: false, ...over,
});
const login = new Date("2026-11-27T12:00:00Z");

describe("admit", () => {
  it("drops the bot's own messages", () => {
    expect(admit(at("2026-11-27T12:05:00Z", { fromSelf: true }), login, 120_000)).toBe("drop");
  });
  it("treats messages from before the login (less the grace) as backlog", () => {
    expect(admit(at("2026-11-27T11:57:59Z"), login, 120_000)).toBe("backlog");
    expect(admit(at("2026-11-27T11:58:30Z"), login, 120_000)).toBe("live");
    expect(admit(at("2026-11-27T12:00:01Z"), login, 120_000)).toBe("live");
  });
  it("answers everything when the login time is unknown", () => {
    expect(admit(at("2020-01-01T00:00:00Z"), null, 0)).toBe("live");
  });
});
