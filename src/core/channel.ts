import type { ChatMessage, Conversation, OutgoingMessage } from "./chat-message.ts";

/**
 * A chat transport. It turns its library's events into ChatMessages for
 * `onMessage` and sends text back; no business rule lives in a channel.
 * A send that fails throws `sendFailed(kind, …)` (see core/errors.ts), so the
 * outbox knows whether to retry or to stop. Several channels run in one process;
 * each conversation belongs to one of them by `name`.
 *
 * @example
 * const channel = new WechatyChannel({ puppet: "wechaty-puppet-mock", name: "苗圃助手", log });
 * channel.onMessage((m) => bot.handle(m));
 * await channel.start();
 * await channel.send({ id: "r1@chatroom", isGroup: true }, { text: "大家好" });
 */
export interface Channel {
  /** Stored with every message and group of this channel ("wechat", "wecom"…). */
  readonly name: string;
  /** The transport, as /health shows it ("wechaty-puppet-mock", "memory"…). */
  readonly transport: string;
  onMessage(handler: (message: ChatMessage) => Promise<void>): void;
  send(to: Conversation, message: OutgoingMessage): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Logged in and able to send. */
  isReady(): boolean;
  /** When the current login began: older messages are backlog. */
  readySince(): Date | null;
}
