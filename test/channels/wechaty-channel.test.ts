// Contract test: the Wechaty channel on the real library (mock puppet) turns
// Wechaty messages into ChatMessages and sends text back, mentions included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { types } from "wechaty-puppet";
import { MockWorld, type RoomLine } from "../../src/channels/wechaty/mock-world.ts";
import { WechatyChannel } from "../../src/channels/wechaty/wechaty-channel.ts";
import type { ChatMessage } from "../../src/core/chat-message.ts";
import { createLogger } from "../../src/core/logger.ts";

describe("WechatyChannel on the mock puppet", () => {
  const world = new MockWorld({
    bot: { wxid: "bot", name: "苗圃助手" },
    people: [{ wxid: "a", name: "李娟" }, { wxid: "b", name: "王书记" }],
    groups: [{ roomId: "r1@chatroom", topic: "青山镇联系群", members: ["a", "b"] }],
  });
  const channel = new WechatyChannel({ name: "contract-test", puppet: world.puppet, log: createLogger("silent") });
  const received: ChatMessage[] = [];
  const roomLines: RoomLine[] = [];
  let next: ((m: ChatMessage) => void) | null = null;
  const nextMessage = () => new Promise<ChatMessage>((r) => (next = r));

  beforeAll(async () => {
    channel.onMessage(async (m) => {
      received.push(m);
      next?.(m);
    });
    world.onRoomMessage((l) => roomLines.push(l));
    await channel.start();
    world.login();
  });
  afterAll(async () => {
    await channel.stop();
  });

  it("is ready once logged in, and knows since when", () => {
    expect(channel.isReady()).toBe(true);
    expect(channel.readySince()!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("converts a group text with a mention", async () => {
    const p = nextMessage();
    const id = world.say("b", "r1@chatroom", "@李娟 /档案", { mentions: ["a"] });
    const m = await p;
    expect(m).toMatchObject({
      id,
      channel: "wechat",
      conversation: { id: "r1@chatroom", topic: "青山镇联系群", isGroup: true },
      sender: { id: "b", name: "王书记" },
      kind: "text",
      text: "@李娟 /档案",
      mentions: [{ id: "a", name: "李娟" }],
      mentionsBot: false,
      fromSelf: false,
    });
    expect(m.sentAt).toBeInstanceOf(Date);
  });

  it("converts media to its kind, and private messages to a non-group conversation", async () => {
    let p = nextMessage();
    world.sendMedia("a", "r1@chatroom", types.Message.Image);
    expect(await p).toMatchObject({ kind: "image", text: "" });
    p = nextMessage();
    world.sayPrivately("a", "你好");
    expect(await p).toMatchObject({ conversation: { id: "a", isGroup: false }, text: "你好" });
  });

  it("sends to a room with @mentions, and its own message comes back marked fromSelf", async () => {
    const p = nextMessage();
    await channel.send({ id: "r1@chatroom", isGroup: true }, { text: "已记下", mentions: [{ id: "a", name: "李娟" }] });
    const own = await p;
    expect(own.fromSelf).toBe(true);
    expect(roomLines.at(-1)).toMatchObject({ fromBot: true, text: "@李娟 已记下" });
  });

  it("logs a puppet's repeated error once, not on every retry", () => {
    const lines: string[] = [];
    const noisy = new WechatyChannel({ name: "noisy", puppet: new MockWorld({ bot: { wxid: "b2", name: "b" }, people: [], groups: [] }).puppet, log: createLogger("error", {}, (l) => lines.push(l)) });
    // As a puppet's failure reaches the bot: an "error" event.
    const bot = noisy.bot as unknown as { emit(event: "error", err: Error): boolean };
    for (let i = 0; i < 200; i++) bot.emit("error", new Error("getaddrinfo ENOTFOUND login.example"));
    bot.emit("error", new Error("another failure"));
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: "wechaty error", err: { message: "getaddrinfo ENOTFOUND login.example" } });
  });

  it("says which room or contact it cannot find", async () => {
    await expect(channel.send({ id: "nope@chatroom", isGroup: true }, { text: "x" })).rejects.toThrow(/room nope@chatroom not found/);
  });
});
