// The channel contract: what the bot relies on from every channel, run against each
// one on its real library (Wechaty on the mock puppet, the in-memory channel, and
// any channel added later). Each channel supplies a driver that plays the people and
// the platform around it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel } from "../../src/core/channel.ts";
import type { ChatMessage } from "../../src/core/chat-message.ts";
import type { SendFailure } from "../../src/core/errors.ts";

/** Two people, "a" (李娟) and "b" (王书记), in one group "g" (青山镇联系群), and the bot. */
export interface ChannelDriver {
  channel: Channel;
  /** The group's id on this channel. */
  groupId: string;
  /** A person's id on this channel. */
  personId(who: "a" | "b"): string;
  /** Bring the platform up (log the bot in) after `channel.start()`. */
  up(): Promise<void>;
  /** Someone speaks in the group, optionally @-mentioning someone. */
  say(from: "a" | "b", text: string, mention?: "a" | "b"): Promise<void>;
  sayPrivately(from: "a" | "b", text: string): Promise<void>;
  sendImage(from: "a" | "b"): Promise<void>;
  /** What the platform last showed from the bot: where, the text, the names @-mentioned. */
  lastFromBot(): { conversation: string; text: string; mentioned: string[] } | undefined;
  /** The platform refuses the next send this way. */
  refuseNextSend(failure: Exclude<SendFailure, "logged_out">): void;
  /** The platform signs the bot's account off. */
  logout(): Promise<void>;
  close?(): Promise<void>;
  /** What this channel cannot do, said plainly; those cases are left out. */
  cannot?: {
    mediaKinds?: boolean;
    privateMessages?: boolean;
    /** The platform gives ids only (WeCom): the sender's name is their id, and @names stay in the text without ids. */
    names?: boolean;
    /** Send-only (WeCom group robots): nothing arrives, so there is nothing to hand over. */
    receive?: boolean;
    /** Single chats only (a self-built WeCom app): no group to speak or send in. */
    groups?: boolean;
    /** No account to log in or out (a webhook): always ready while started. */
    login?: boolean;
  };
}

export function channelContract(label: string, makeDriver: () => Promise<ChannelDriver>): void {
  describe(`channel contract: ${label}`, () => {
    let d: ChannelDriver;
    const received: ChatMessage[] = [];
    let waiting: ((m: ChatMessage) => void) | null = null;
    const next = () => new Promise<ChatMessage>((r) => (waiting = r));

    beforeAll(async () => {
      d = await makeDriver();
      d.channel.onMessage(async (m) => {
        received.push(m);
        const w = waiting;
        waiting = null;
        w?.(m);
      });
      await d.channel.start();
      await d.up();
    });
    afterAll(async () => {
      await d.channel.stop();
      await d.close?.();
    });

    it("is ready once logged in, and knows since when", () => {
      expect(d.channel.isReady()).toBe(true);
      expect(d.channel.readySince()!.getTime()).toBeLessThanOrEqual(Date.now());
    });

    it("hands a group text over as a ChatMessage, with who spoke, where, and whom they mentioned", async () => {
      if (d.cannot?.receive || d.cannot?.groups) return;
      const p = next();
      await d.say("b", "@李娟 /档案", "a");
      const m = await p;
      const names = !d.cannot?.names;
      expect(m).toMatchObject({
        channel: d.channel.name,
        conversation: { id: d.groupId, isGroup: true },
        sender: { id: d.personId("b"), name: names ? "王书记" : d.personId("b") },
        kind: "text",
        mentions: names ? [{ id: d.personId("a"), name: "李娟" }] : [],
        fromSelf: false,
      });
      expect(m.text).toContain("/档案");
      if (!names) expect(m.text).toContain("@李娟");
      expect(m.id).toEqual(expect.any(String));
      expect(m.sentAt).toBeInstanceOf(Date);
    });

    it("hands media over by kind, without text", async () => {
      if (d.cannot?.mediaKinds || d.cannot?.receive) return;
      const p = next();
      await d.sendImage("a");
      expect(await p).toMatchObject({ kind: "image", text: "", sender: { id: d.personId("a") } });
    });

    it("hands a private message over as a conversation that is not a group", async () => {
      if (d.cannot?.privateMessages || d.cannot?.receive) return;
      const p = next();
      await d.sayPrivately("a", "你好");
      expect(await p).toMatchObject({ conversation: { id: d.personId("a"), isGroup: false }, text: "你好" });
    });

    it("sends to the group, @-mentioning a member", async () => {
      if (d.cannot?.groups) return;
      await d.channel.send({ id: d.groupId, isGroup: true }, { text: "已记下", mentions: [{ id: d.personId("a"), name: "李娟" }] });
      const last = d.lastFromBot()!;
      expect(last.conversation).toBe(d.groupId);
      expect(last.text).toContain("已记下");
      expect(last.mentioned).toEqual(["李娟"]);
    });

    it("sends privately", async () => {
      if (d.cannot?.privateMessages) return;
      await d.channel.send({ id: d.personId("b"), isGroup: false }, { text: "您的绑定码：123456" });
      expect(d.lastFromBot()).toMatchObject({ conversation: d.personId("b"), text: "您的绑定码：123456" });
    });

    it("says how a send failed: throttled by the platform, or otherwise", async () => {
      const to = d.cannot?.groups ? { id: d.personId("a"), isGroup: false } : { id: d.groupId, isGroup: true };
      d.refuseNextSend("rate_limited");
      await expect(d.channel.send(to, { text: "x" })).rejects.toMatchObject({ code: "send_failed", data: { failure: "rate_limited" } });
      d.refuseNextSend("failed");
      await expect(d.channel.send(to, { text: "x" })).rejects.toMatchObject({ code: "send_failed", data: { failure: "failed" } });
    });

    it("is not ready once logged out, and a send then fails as logged_out", async () => {
      if (d.cannot?.login) return;
      await d.logout();
      expect(d.channel.isReady()).toBe(false);
      await expect(d.channel.send({ id: d.groupId, isGroup: true }, { text: "x" })).rejects.toMatchObject({ code: "send_failed", data: { failure: "logged_out" } });
    });
  });
}
