// What is particular to the Wechaty channel (the contract all channels keep is in
// contract.test.ts): how it logs a puppet's noise, and what it says of a missing room.
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
    await expect(channel.send({ id: "nope@chatroom", isGroup: true }, { text: "x" })).rejects.toMatchObject({ code: "send_failed", data: { failure: "failed", detail: expect.stringMatching(/room nope@chatroom not found/) } });
  });
});
