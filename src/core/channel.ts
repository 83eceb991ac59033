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

/**
 * Why a send failed, as far as the channel can tell. The outbox stops sending on
 * `rate_limited` and `logged_out` (more attempts would make things worse or cannot
 * work) and retries `failed` with backoff.
 */
export type SendFailure = "rate_limited" | "logged_out" | "failed";

export class ChannelSendError extends Error {
  constructor(
    readonly reason: SendFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Wording puppets use when WeChat throttles an account. */
const RATE_LIMIT_WORDS = /频繁|too many|rate.?limit|frequen|throttl|操作太快/i;

/** Classify any error thrown by a channel's library. */
export function sendFailureOf(err: unknown): SendFailure {
  if (err instanceof ChannelSendError) return err.reason;
  return RATE_LIMIT_WORDS.test(String((err as Error)?.message ?? err)) ? "rate_limited" : "failed";
}
