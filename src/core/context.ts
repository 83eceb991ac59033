import type { ChatMessage, OutgoingMessage } from "./chat-message.ts";
import type { Logger } from "./logger.ts";

/**
 * What every handler gets: the message, replies bound to its conversation,
 * a logger tagged with the message id, and the clock.
 *
 * @example
 * async function ping(ctx: BotContext) { await ctx.reply(`现在是 ${ctx.now().toISOString()}`); }
 */
export interface BotContext {
  readonly message: ChatMessage;
  /** Replayed after a re-login: file it, answer nothing. */
  readonly backlog: boolean;
  reply(message: string | OutgoingMessage): Promise<void>;
  /** Send to another conversation (e.g. the group an answered item came from). */
  send(to: { id: string; isGroup: boolean }, message: string | OutgoingMessage): Promise<void>;
  readonly log: Logger;
  now(): Date;
}
