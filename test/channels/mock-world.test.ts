// The demo's WeChat (the mock puppet) must not grow with every message: a simulator or
// a demo left running for weeks keeps only the latest MESSAGES_KEPT messages.
import { describe, expect, it } from "vitest";
import { MESSAGES_KEPT, MockWorld } from "../../src/channels/wechaty/mock-world.ts";

describe("the mock world", () => {
  it("keeps the latest MESSAGES_KEPT messages and forgets older ones, which may still be delivered again", () => {
    const world = new MockWorld({
      bot: { wxid: "wxid_bot", name: "苗圃助手" },
      people: [{ wxid: "wxid_a", name: "李娟" }],
      groups: [{ roomId: "r1@chatroom", topic: "青山村联络群", members: ["wxid_a"] }],
    });
    const heard: string[] = [];
    world.onRoomMessage((l) => heard.push(l.messageId));
    const ids = Array.from({ length: MESSAGES_KEPT + 100 }, (_, i) => world.say("wxid_a", "r1@chatroom", `第${i}条`, { id: `m${i}` }));
    expect(heard).toEqual(ids);

    const pool = (world.mocker.MessageMock as unknown as { pool: Map<string, unknown> }).pool;
    expect(pool.size).toBe(MESSAGES_KEPT);
    expect(world.mocker.cacheMessagePayload.size).toBe(MESSAGES_KEPT);
    expect(world.mocker.MessageMock.load(ids.at(-1)!).id).toBe(ids.at(-1));
    expect(() => world.mocker.MessageMock.load(ids[0]!)).toThrow(/not exist/);

    // A forgotten id delivered again (a redelivery after a reconnect) is a message again.
    world.say("wxid_a", "r1@chatroom", "第0条", { id: ids[0] });
    expect(heard.at(-1)).toBe(ids[0]);
    expect(pool.size).toBe(MESSAGES_KEPT);
  });
});
