import { admit } from "./admission.ts";
import type { Channel } from "./channel.ts";
import type { ChatMessage, OutgoingMessage } from "./chat-message.ts";
import type { Composer } from "./composer.ts";
import type { BotContext } from "./context.ts";
import { AppError } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { Spool } from "./spool.ts";

export interface BotOptions<C extends BotContext> {
  channels: Channel[];
  pipeline: Composer<C>;
  /** Add the application's services and state to the base context. */
  extend(base: BotContext): C;
  spool: Spool;
  log: Logger;
  now?: () => Date;
  backlogGraceMs: number;
  /** Told when a message has been dealt with (answered, filed only, or spooled). */
  onHandled?: (message: ChatMessage) => void;
}

const INTERNAL_ERROR = "抱歉，处理这条消息时出了点问题，已记录下来，请稍后再试。";
const SPOOLED = "系统繁忙，您的消息已暂存，稍后会自动归档，不会丢失。";

/**
 * The one entry point: every channel calls `handle`, and so do most tests.
 * Nothing a message contains can make `handle` throw.
 */
export class Bot<C extends BotContext> {
  private readonly channels = new Map<string, Channel>();
  private readonly inFlight = new Set<Promise<void>>();
  private draining: Promise<number> | null = null;

  constructor(private readonly opts: BotOptions<C>) {
    for (const c of opts.channels) this.channels.set(c.name, c);
  }

  now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  async handle(message: ChatMessage): Promise<void> {
    const p = this.process(message, false);
    this.inFlight.add(p);
    try {
      await p;
    } finally {
      this.inFlight.delete(p);
      this.opts.onHandled?.(message);
    }
  }

  /** Messages waiting in the spool to be filed. */
  get unfiled(): number {
    return this.opts.spool.size;
  }

  /** Resolves when every message being handled now is done (for a clean shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Retry spooled messages; called on a timer and at start. Returns how many were filed.
   * A call while a drain is running joins it: two drains would file a message twice.
   */
  redrive(): Promise<number> {
    if (this.draining) return this.draining;
    if (this.opts.spool.size === 0) return Promise.resolve(0);
    this.draining = this.opts.spool.drain((m) => this.process(m, true)).finally(() => (this.draining = null));
    return this.draining;
  }

  private async process(message: ChatMessage, redriving: boolean): Promise<void> {
    const channel = this.channels.get(message.channel);
    const log = this.opts.log.child({ msgId: message.id, channel: message.channel });
    const verdict = admit(message, channel?.readySince() ?? null, this.opts.backlogGraceMs);
    if (verdict === "drop") return;

    const send = async (to: { id: string; isGroup: boolean }, m: string | OutgoingMessage) => {
      if (!channel) throw new Error(`no channel named ${message.channel}`);
      await channel.send(to, typeof m === "string" ? { text: m } : m);
    };
    const ctx = this.opts.extend({
      message,
      backlog: verdict === "backlog",
      reply: (m) => send({ id: message.conversation.id, isGroup: message.conversation.isGroup }, { ...(typeof m === "string" ? { text: m } : m), replyTo: message.id }),
      send,
      log,
      now: () => this.now(),
    });

    try {
      await this.opts.pipeline.run(ctx);
    } catch (err) {
      // A spooled message that still cannot be filed stays in the spool.
      if (redriving && isFilingFailure(err)) throw err;
      await this.onError(err, ctx, message);
    }
  }

  private async onError(err: unknown, ctx: C, message: ChatMessage): Promise<void> {
    if (isFilingFailure(err)) {
      ctx.log.error("message could not be filed; spooled for retry", { err: (err as Error).cause ?? err });
      this.opts.spool.add(message);
      if (!ctx.backlog) await this.safeReply(ctx, SPOOLED);
      return;
    }
    if (err instanceof AppError) {
      ctx.log.info("command refused", { code: err.code, ...err.data });
      await this.safeReply(ctx, err.userMessage);
      return;
    }
    ctx.log.error("handler failed", { err });
    await this.safeReply(ctx, INTERNAL_ERROR);
  }

  private async safeReply(ctx: C, text: string): Promise<void> {
    try {
      await ctx.reply(text);
    } catch (err) {
      ctx.log.error("could not send reply", { err });
    }
  }
}

function isFilingFailure(err: unknown): boolean {
  return err instanceof AppError && err.code === "filing_failed";
}
