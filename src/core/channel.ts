import type { ChatMessage, OutgoingMessage } from "./chat-message.ts";

/**
 * A chat transport. It turns its library's events into ChatMessages for
 * `onMessage` and sends text back; no business rule lives in a channel.
 *
 * @example
 * const channel = new WechatyChannel({ puppet: "wechaty-puppet-mock", name: "苗圃助手" });
 * channel.onMessage((m) => bot.handle(m));
 * await channel.start();
 * await channel.send({ id: "r1@chatroom", isGroup: true }, { text: "大家好" });
 */
export interface Channel {
  readonly name: string;
  onMessage(handler: (message: ChatMessage) => Promise<void>): void;
  send(to: { id: string; isGroup: boolean }, message: OutgoingMessage): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Logged in and able to send. */
  isReady(): boolean;
  /** When the current login began: older messages are backlog. */
  readySince(): Date | null;
}
