// The channel contract on every channel this project has.
import { types } from "wechaty-puppet";
import { MemoryChannel } from "../../src/channels/memory/memory-channel.ts";
import { MockWorld, type RoomLine } from "../../src/channels/wechaty/mock-world.ts";
import { WechatyChannel } from "../../src/channels/wechaty/wechaty-channel.ts";
import { WecomBotChannel } from "../../src/channels/wecom/bot-channel.ts";
import { FakeWecomServer } from "../../src/channels/wecom/fake-server.ts";
import { FakeWebhookServer } from "../../src/channels/wecom/fake-webhook.ts";
import { WecomRobotChannel } from "../../src/channels/wecom/robot-channel.ts";
import { WecomAppChannel } from "../../src/channels/wecom/app-channel.ts";
import { WecomCallback } from "../../src/channels/wecom/callback.ts";
import { encrypt, getSignature } from "@wecom/crypto";
import { createLogger } from "../../src/core/logger.ts";
import { until } from "../support/harness.ts";
import { channelContract } from "./contract.ts";

channelContract("Wechaty on the mock puppet", async () => {
  const world = new MockWorld({
    bot: { wxid: "bot", name: "苗圃助手" },
    people: [{ wxid: "a", name: "李娟" }, { wxid: "b", name: "王书记" }],
    groups: [{ roomId: "r1@chatroom", topic: "青山镇联系群", members: ["a", "b"] }],
  });
  const channel = new WechatyChannel({ name: "苗圃助手", puppet: world.puppet, log: createLogger("silent") });
  let last: { conversation: string; text: string; mentioned: string[] } | undefined;
  const fromBot = (conversation: string, text: string) => {
    // The mock puppet shows mentions the way WeChat does: "@李娟 " before the text.
    const mentioned = [...text.matchAll(/@(\S+?)[\s\u2005]/g)].map((m) => m[1]!);
    last = { conversation, text, mentioned };
  };
  world.onRoomMessage((l: RoomLine) => l.fromBot && fromBot(l.roomId, l.text));
  world.onDirectMessage((l) => fromBot(l.toId, l.text));
  return {
    channel,
    groupId: "r1@chatroom",
    personId: (who) => who,
    up: async () => world.login(),
    say: async (from, text, mention) => void world.say(from, "r1@chatroom", text, { mentions: mention ? [mention] : [] }),
    sayPrivately: async (from, text) => void world.sayPrivately(from, text),
    sendImage: async (from) => void world.sendMedia(from, "r1@chatroom", types.Message.Image),
    lastFromBot: () => last,
    refuseNextSend: (failure) => world.failSends(1, failure === "rate_limited" ? "发送消息过于频繁，请稍后再试" : "network error"),
    logout: () => world.logout(),
  };
});

channelContract("in memory", async () => {
  const channel = new MemoryChannel("memory");
  const names: Record<string, string> = { a: "李娟", b: "王书记" };
  const group = { id: "g1", topic: "青山镇联系群", isGroup: true };
  return {
    channel,
    groupId: "g1",
    personId: (who) => who,
    up: async () => channel.login(),
    say: async (from, text, mention) =>
      void (await channel.deliver({ conversation: group, sender: { id: from, name: names[from]! }, text, mentions: mention ? [{ id: mention, name: names[mention]! }] : [] })),
    sayPrivately: async (from, text) => void (await channel.deliver({ conversation: { id: from, topic: names[from]!, isGroup: false }, sender: { id: from, name: names[from]! }, text })),
    sendImage: async (from) => void (await channel.deliver({ conversation: group, sender: { id: from, name: names[from]! }, kind: "image" })),
    lastFromBot: () => {
      const m = channel.sent.at(-1);
      return m && { conversation: m.to.id, text: m.text, mentioned: m.mentions.map((x) => x.name) };
    },
    refuseNextSend: (failure) => channel.failSends(1, failure),
    logout: async () => channel.logout(),
  };
});

channelContract("WeCom intelligent bot (official SDK against a fake WeCom server on loopback)", async () => {
  const people: Record<string, string> = { lijuan: "李娟", wangshuji: "王书记" };
  const server = await FakeWecomServer.start({ botId: "bot-1", secret: "s3cret", botName: "苗圃助手", people });
  const channel = new WecomBotChannel({ botId: "bot-1", secret: "s3cret", botName: "苗圃助手", wsUrl: server.url, log: createLogger("silent") });
  const id = (who: "a" | "b") => (who === "a" ? "lijuan" : "wangshuji");
  return {
    channel,
    groupId: "wrqingshan",
    personId: id,
    up: () => until("the bot subscribed", () => channel.isReady()),
    say: async (from, text) => void server.sayInGroup(id(from), "wrqingshan", text),
    sayPrivately: async (from, text) => void server.sayPrivately(id(from), text),
    sendImage: async (from) =>
      void server.push("aibot_msg_callback", { msgid: `img-${Date.now()}`, aibotid: "bot-1", chatid: "wrqingshan", chattype: "group", from: { userid: id(from) }, msgtype: "image", image: { url: "http://127.0.0.1/x" } }),
    lastFromBot: () => server.lines.at(-1),
    refuseNextSend: (failure) => server.failNext(failure === "rate_limited" ? 45009 : 60020, failure === "rate_limited" ? "api freq out of limit" : "not allow to access from your ip"),
    logout: async () => {
      server.takeOver();
      await until("the bot let go", () => !channel.isReady());
    },
    close: () => server.close(),
    cannot: { names: true },
  };
});

channelContract("WeCom group robots (webhook, send-only, against a fake webhook on loopback)", async () => {
  const hook = await FakeWebhookServer.start(["key-qingshan"]);
  const channel = new WecomRobotChannel({ robots: [{ name: "青山镇联系群", key: "key-qingshan" }], url: hook.url, log: createLogger("silent") });
  const names: Record<string, string> = { lijuan: "李娟", wangshuji: "王书记" };
  return {
    channel,
    groupId: "青山镇联系群",
    personId: (who) => (who === "a" ? "lijuan" : "wangshuji"),
    up: async () => {},
    say: async () => {},
    sayPrivately: async () => {},
    sendImage: async () => {},
    lastFromBot: () => {
      const p = hook.posts.at(-1);
      return p && { conversation: p.key === "key-qingshan" ? "青山镇联系群" : p.key, text: p.content, mentioned: p.mentioned.map((id) => names[id] ?? id) };
    },
    refuseNextSend: (failure) => hook.failNext(failure === "rate_limited" ? 45009 : 93004, failure === "rate_limited" ? "api freq out of limit" : "robot is disabled"),
    logout: async () => {},
    close: () => hook.close(),
    cannot: { receive: true, privateMessages: true, login: true },
  };
});

channelContract("WeCom self-built app (callback with real crypto, answers through a fake WeCom API)", async () => {
  const [token, aesKey, corpId] = ["QDG6eK", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "wx5823bf96d3bd56c7"];
  const api = await FakeWebhookServer.start([]);
  api.app = { corpId, secret: "app-secret" };
  const channel = new WecomAppChannel({ callback: new WecomCallback({ token, aesKey, corpId }), corpId, secret: "app-secret", agentId: 1000002, apiUrl: api.apiUrl, log: createLogger("silent") });
  const id = (who: "a" | "b") => (who === "a" ? "lijuan" : "wangshuji");
  let seq = 0;
  /** WeCom posts a message from `from` to the callback address; resolves when handed over. */
  const deliver = async (from: "a" | "b", inner: string) => {
    const ts = String(Math.floor(Date.now() / 1000));
    const nonce = String(++seq);
    const plain = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[${id(from)}]]></FromUserName><CreateTime>${ts}</CreateTime>${inner}<MsgId>${Date.now()}${seq}</MsgId><AgentID>1000002</AgentID></xml>`;
    const enc = encrypt(aesKey, plain, corpId);
    const answer = channel.accept("POST", { msg_signature: getSignature(token, ts, nonce, enc), timestamp: ts, nonce }, `<xml><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`);
    if (answer.status !== 200) throw new Error(`callback refused: ${answer.status}`);
    await answer.then?.();
  };
  return {
    channel,
    groupId: "",
    personId: id,
    up: async () => {},
    say: async () => {},
    sayPrivately: (from, text) => deliver(from, `<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content>`),
    sendImage: (from) => deliver(from, `<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://127.0.0.1/p.jpg]]></PicUrl><MediaId><![CDATA[m1]]></MediaId>`),
    lastFromBot: () => {
      const m = api.appMessages.at(-1);
      return m && { conversation: m.touser, text: m.content, mentioned: [] };
    },
    refuseNextSend: (failure) => api.failNext(failure === "rate_limited" ? 45009 : 60020, failure === "rate_limited" ? "api freq out of limit" : "not allow to access from your ip"),
    logout: async () => {},
    close: () => api.close(),
    cannot: { groups: true, login: true },
  };
});
