import type { Channel } from "../../core/channel.ts";
import type { ChatMessage, Conversation, OutgoingMessage } from "../../core/chat-message.ts";
import { sendFailed, type SendFailure } from "../../core/errors.ts";

/** A message the bot sent through a MemoryChannel. */
export interface SentMessage {
  to: Conversation;
  text: string;
  mentions: { id: string; name: string }[];
  at: Date;
}

/**
 * A channel that lives in memory: messages go in with `deliver`, what the bot sends
 * is kept in `sent`. It keeps the channel contract exactly (login, backlog time,
 * failure kinds), so tests can run the whole bot without a chat library, and a
 * second channel can sit beside WeChat in one process.
 *
 * @example
 * const ch = new MemoryChannel("wecom");
 * await ch.start();
 * await ch.deliver({ conversation: { id: "g1", topic: "青山镇联系群", isGroup: true }, sender: { id: "u1", name: "李娟" }, text: "/帮助" });
 * ch.sent.at(-1)?.text; // the bot's answer
 */
export class MemoryChannel implements Channel {
  readonly transport = "memory";
  readonly sent: SentMessage[] = [];
  private handler: ((m: ChatMessage) => Promise<void>) | null = null;
  private loginAt: Date | null = null;
  private readonly failures: SendFailure[] = [];
  private readonly listeners = new Set<(m: SentMessage) => void>();
  private seq = 0;

  constructor(
    readonly name: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  onMessage(handler: (message: ChatMessage) => Promise<void>): void {
    this.handler = handler;
  }

  async start(): Promise<void> {
    this.loginAt = this.clock();
  }

  async stop(): Promise<void> {
    this.loginAt = null;
  }

  isReady(): boolean {
    return this.loginAt !== null;
  }

  readySince(): Date | null {
    return this.loginAt;
  }

  /** The account is signed off, as WeChat does to a throttled account. */
  logout(): void {
    this.loginAt = null;
  }

  /** Back in; messages sent before now count as backlog. */
  login(): void {
    this.loginAt = this.clock();
  }

  /** The next `count` sends fail this way. */
  failSends(count: number, failure: SendFailure = "failed"): void {
    for (let i = 0; i < count; i++) this.failures.push(failure);
  }

  async send(to: Conversation, message: OutgoingMessage): Promise<void> {
    if (!this.isReady()) throw sendFailed("logged_out", `${this.name} is not logged in`);
    const failure = this.failures.shift();
    if (failure) throw sendFailed(failure, `${this.name} refused the message (${failure})`);
    const sent = { to: { id: to.id, isGroup: to.isGroup }, text: message.text, mentions: message.mentions ?? [], at: this.clock() };
    this.sent.push(sent);
    for (const l of this.listeners) l(sent);
  }

  onSent(listener: (m: SentMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A message arrives, as the channel's library would hand it over; resolves when the
   * bot has dealt with it. Fields left out get sensible defaults (a fresh id, now).
   */
  async deliver(m: Partial<ChatMessage> & Pick<ChatMessage, "conversation" | "sender">): Promise<ChatMessage> {
    const message: ChatMessage = {
      id: m.id ?? `${this.name}-${++this.seq}-${Math.random().toString(36).slice(2, 8)}`,
      channel: this.name,
      kind: m.kind ?? "text",
      text: m.text ?? "",
      sentAt: m.sentAt ?? this.clock(),
      mentions: m.mentions ?? [],
      fromSelf: m.fromSelf ?? false,
      conversation: m.conversation,
      sender: m.sender,
    };
    if (this.handler) await this.handler(message);
    return message;
  }
}
