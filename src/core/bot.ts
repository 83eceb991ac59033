import { admit } from "./admission.ts";
import type { Channel } from "./channel.ts";
import { storableMessage, type ChatMessage, type OutgoingMessage } from "./chat-message.ts";
import type { Composer } from "./composer.ts";
import type { BotContext } from "./context.ts";
import { AppError, failureOf } from "./errors.ts";
import type { Logger } from "./logger.ts";
import type { SendBudget } from "./send-budget.ts";
import type { Spool } from "./spool.ts";
import { clip } from "../domain/text.ts";

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
  /** Whether the database answers now: a spooled message that fails while it does is set aside, not retried forever. */
  databaseUp?: () => Promise<boolean>;
  /** The channels' send budget, shared with the outbox: replies beyond it are withheld. */
  budget?: SendBudget;
  /** A channel refused a reply as too frequent: stop sending on it (the outbox's halt). */
  onRateLimited?: (channel: string, detail: string) => Promise<void>;
}

/** The longest reply sent: a safety net under each command's own limits. */
export const MAX_REPLY_CHARS = 1500;

const INTERNAL_ERROR = "抱歉，处理这条消息时出了点问题，已记录下来，请稍后再试。";
const SPOOLED = "系统繁忙，您的消息已暂存，稍后会自动归档，不会丢失。";
const TOO_FAST = "发得太快了，我先暂停回复一会儿，请稍后再试；发言照常记录，不会丢失。";

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
    this.draining = this.opts.spool.drain((m) => this.retry(m)).finally(() => (this.draining = null));
    return this.draining;
  }

  /** One more try at a spooled message; throws to keep it spooled. */
  private async retry(message: ChatMessage): Promise<void> {
    const log = this.opts.log.child({ msgId: message.id, channel: message.channel });
    try {
      await this.process(message, true);
    } catch (err) {
      const up = await (this.opts.databaseUp?.() ?? Promise.resolve(false)).catch(() => false);
      if (!up) {
        log.warn("spooled message still cannot be filed; the database is away", { err: (err as Error).cause ?? err });
        throw err;
      }
      // The database answers, yet this message fails: retrying cannot help. Keep it aside for a person to look at.
      log.error("spooled message fails with the database up; set aside", { err: (err as Error).cause ?? err, file: this.opts.spool.asideFile });
      this.opts.spool.setAside(message, err);
    }
  }

  private async process(raw: ChatMessage, redriving: boolean): Promise<void> {
    // Lone surrogates and NUL would make the message unstorable: clean them once, here.
    const message = storableMessage(raw);
    const channel = this.channels.get(message.channel);
    const log = this.opts.log.child({ msgId: message.id, channel: message.channel });
    const verdict = admit(message, channel?.readySince() ?? null, this.opts.backlogGraceMs);
    if (verdict === "drop") return;

    const here = { id: message.conversation.id, isGroup: message.conversation.isGroup };
    // Every reply this message causes goes through the send budget: within it as
    // asked; past it one notice ("too fast") and then nothing, while filing goes on.
    const send = async (to: { id: string; isGroup: boolean }, m: string | OutgoingMessage) => {
      if (!channel) throw new Error(`no channel named ${message.channel}`);
      const out = typeof m === "string" ? { text: m } : m;
      const verdict = this.opts.budget?.reply(channel.name, message.conversation.id, message.sender.id, this.now().getTime()) ?? "send";
      if (verdict === "silent") {
        log.info("reply withheld: over the send budget", { to: to.id });
        return;
      }
      const [target, text] = verdict === "warn" ? [here, `${message.sender.name}，${TOO_FAST}`] : [to, clip(out.text, MAX_REPLY_CHARS)];
      try {
        await channel.send(target, verdict === "warn" ? { text } : { ...out, text });
      } catch (err) {
        if (failureOf(err) === "rate_limited") await this.rateLimited(channel.name, err);
        throw err;
      }
    };
    const ctx = this.opts.extend({
      message,
      backlog: verdict === "backlog",
      reply: (m) => send(here, { ...(typeof m === "string" ? { text: m } : m), replyTo: message.id }),
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

  private async rateLimited(channel: string, err: unknown): Promise<void> {
    const { budget, onRateLimited, log } = this.opts;
    budget?.halt(channel, this.now().getTime() + 60_000);
    const detail = err instanceof AppError ? String(err.data.detail ?? err.userMessage) : String(err);
    await onRateLimited?.(channel, detail).catch((e: unknown) => log.error("could not halt the channel", { err: e }));
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
