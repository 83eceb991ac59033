import { PuppetMock, mock } from "wechaty-puppet-mock";
import { types } from "wechaty-puppet";

type Emitter = { on(event: "message", listener: (msg: { payload: MessagePayload }) => void): void };
type MessagePayload = { id: string; talkerId?: string; text?: string; type: types.Message; timestamp: number };

export interface WorldSpec {
  bot: { wxid: string; name: string };
  people: { wxid: string; name: string }[];
  groups: { roomId: string; topic: string; members: string[] }[];
}

export interface RoomLine {
  roomId: string;
  messageId: string;
  talkerId: string;
  talkerName: string;
  text: string;
  at: Date;
  fromBot: boolean;
}

/** Message payloads the mock world keeps (see the constructor). */
export const MESSAGES_KEPT = 5000;

/** A Map that forgets its oldest entries beyond `limit`. */
class RecentMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }
  override set(key: K, value: V): this {
    super.delete(key);
    super.set(key, value);
    if (this.size > this.limit) this.delete(this.keys().next().value as K);
    return this;
  }
}

/**
 * Replace the mock puppet's pool of message objects (a Map created on first use under a
 * private symbol named "pool") with a RecentMap; returns it. Throws if the library
 * changed shape, so an upgrade cannot quietly bring the growth back.
 */
function boundMessagePool(messageClass: object, limit: number): Map<string, unknown> {
  const cls = messageClass as Record<symbol, unknown> & { pool: Map<string, unknown> };
  const existing = cls.pool;
  const key = Object.getOwnPropertySymbols(cls).find((s) => s.description === "pool" && cls[s] === existing);
  if (!key) throw new Error("wechaty-puppet-mock: the message pool was not found (library changed?)");
  const bounded = new RecentMap<string, unknown>(limit);
  for (const [k, v] of existing) bounded.set(k, v);
  cls[key] = bounded;
  return bounded;
}

/**
 * A WeChat world on the Wechaty mock puppet: contacts, rooms, and a way to make
 * people speak. Used by the demo, the simulator page, tests and the benchmark.
 */
export class MockWorld {
  readonly mocker = new mock.Mocker();
  readonly puppet: PuppetMock;
  private readonly listeners = new Set<(line: RoomLine) => void>();
  private readonly directListeners = new Set<(line: RoomLine & { toId: string }) => void>();
  private readonly messagePool: Map<string, unknown>;

  constructor(readonly spec: WorldSpec) {
    // The mocker keeps every message payload it ever delivered, so a long-running demo grew
    // by every message; Wechaty reads a payload right after delivery (and caches it itself),
    // so the latest MESSAGES_KEPT are plenty. A redelivery of an older id counts as new.
    this.mocker.cacheMessagePayload = new RecentMap(MESSAGES_KEPT);
    // Its message class keeps every message object too, in a static pool behind a
    // module-private symbol (a few hundred bytes a message, the steady growth of a long run):
    // bounded the same way, so the two forget the same messages.
    this.messagePool = boundMessagePool(this.mocker.MessageMock, MESSAGES_KEPT);
    this.puppet = new PuppetMock({ mocker: this.mocker });
    const botContact = this.mocker.createContact({ id: spec.bot.wxid, name: spec.bot.name });
    for (const p of spec.people) this.mocker.createContact({ id: p.wxid, name: p.name });
    for (const g of spec.groups) {
      const room = this.mocker.createRoom({ id: g.roomId, topic: g.topic, memberIdList: [spec.bot.wxid, ...g.members] });
      (room as unknown as Emitter).on("message", (msg) => {
        const p = msg.payload;
        this.emit({
          roomId: g.roomId,
          messageId: p.id,
          talkerId: p.talkerId!,
          talkerName: this.name(p.talkerId!),
          text: p.text ?? `[${types.Message[p.type]}]`,
          at: new Date(p.timestamp),
          fromBot: p.talkerId === spec.bot.wxid,
        });
      });
    }
    // Private messages from the bot land on the recipient contact.
    for (const p of spec.people) {
      (this.mocker.ContactMock.load(p.wxid) as unknown as Emitter).on("message", (msg) => {
        const m = msg.payload;
        if (m.talkerId !== spec.bot.wxid) return;
        const line = { roomId: "", messageId: m.id, talkerId: m.talkerId, talkerName: spec.bot.name, text: m.text ?? "", at: new Date(m.timestamp), fromBot: true, toId: p.wxid };
        for (const l of this.directListeners) l(line);
      });
    }
    this.botContact = botContact;
    // Let tests make WeChat refuse sends, as it does when it throttles an account.
    const sendText = this.puppet.messageSendText.bind(this.puppet);
    this.puppet.messageSendText = async (...args: Parameters<PuppetMock["messageSendText"]>) => {
      const failure = this.failures.shift();
      if (failure !== undefined) throw new Error(failure);
      return sendText(...args);
    };
  }

  private readonly failures: string[] = [];

  /** The next `count` sends by the bot fail with `message` (e.g. "发送消息过于频繁"). */
  failSends(count: number, message: string): void {
    for (let i = 0; i < count; i++) this.failures.push(message);
  }

  /** The bot's account is logged out, as when WeChat signs it off. */
  async logout(): Promise<void> {
    await this.puppet.logout();
  }

  private readonly botContact: ReturnType<mock.Mocker["createContact"]>;

  /** Log the bot in (call after the Wechaty bot has started). */
  login(): void {
    this.mocker.login(this.botContact);
  }

  /** Someone says something in a group. Returns the message id. */
  say(wxid: string, roomId: string, text: string, opts: { mentions?: string[]; timestamp?: number; id?: string } = {}): string {
    return this.deliver({
      id: opts.id ?? `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      talkerId: wxid,
      roomId,
      timestamp: opts.timestamp ?? Date.now(),
      type: types.Message.Text,
      text,
      mentionIdList: opts.mentions ?? [],
    });
  }

  /** Someone writes to the bot privately. */
  sayPrivately(wxid: string, text: string, opts: { id?: string } = {}): string {
    return this.deliver({ id: opts.id ?? `p-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`, talkerId: wxid, listenerId: this.spec.bot.wxid, timestamp: Date.now(), type: types.Message.Text, text });
  }

  /** Someone sends an image, a file or a sticker. */
  sendMedia(wxid: string, roomId: string, type: types.Message, opts: { id?: string } = {}): string {
    return this.deliver({ id: opts.id ?? `x-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`, talkerId: wxid, roomId, timestamp: Date.now(), type, mentionIdList: [] });
  }

  /** Deliver a message payload; delivering the same id again is a redelivery. */
  deliver(payload: Record<string, unknown> & { id: string }): string {
    if (!this.mocker.cacheMessagePayload.has(payload.id)) {
      this.messagePool.delete(payload.id);
      this.mocker.MessageMock.create(payload as never);
    }
    this.puppet.emit("message", { messageId: payload.id });
    return payload.id;
  }

  /** Rename a group, as a member would. */
  renameRoom(roomId: string, topic: string, by: string): void {
    this.mocker.RoomMock.load(roomId).topic(topic).by(this.mocker.ContactMock.load(by));
  }

  onRoomMessage(listener: (line: RoomLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onDirectMessage(listener: (line: RoomLine & { toId: string }) => void): () => void {
    this.directListeners.add(listener);
    return () => this.directListeners.delete(listener);
  }

  name(wxid: string): string {
    return this.mocker.cacheContactPayload.get(wxid)?.name ?? wxid;
  }

  private emit(line: RoomLine): void {
    for (const l of this.listeners) l(line);
  }
}
