// One budget for everything a channel sends: the bot's replies and the outbox's
// messages. WeChat bans an account that sends too much too fast, whichever part
// of the bot sent it, so both ask here first. Counts are sliding windows kept in
// memory (per process): cheap enough for every reply, and a restart only forgets
// the last window.

export interface SendLimits {
  /** The window every count below is taken over. */
  windowMs: number;
  /** Replies caused by one person (on one channel) per window. */
  perSender: number;
  /** Replies into one group (or one private chat) per window. */
  perConversation: number;
  /** Everything sent on the channel per window: replies and outbox messages together. */
  perChannel: number;
}

/** What to do with a reply: send it, send the one "too fast" notice instead, or nothing. */
export type ReplyVerdict = "send" | "warn" | "silent";

/** Timestamps of sends in the window, oldest first. */
class Window {
  private readonly at: number[] = [];
  /** When the one notice went out, so each overflow gets at most one. */
  warnedAt = -Infinity;

  count(now: number, windowMs: number): number {
    while (this.at.length && this.at[0]! <= now - windowMs) this.at.shift();
    return this.at.length;
  }

  /** When the oldest send leaves the window. */
  freeAt(windowMs: number): number {
    return (this.at[0] ?? -Infinity) + windowMs;
  }

  add(now: number): void {
    this.at.push(now);
  }
}

/**
 * Per-channel budget of sends.
 *
 * @example
 * const budget = new SendBudget({ windowMs: 60_000, perSender: 8, perConversation: 20, perChannel: 30 });
 * budget.reply("wechat", "r1@chatroom", "wxid_a", Date.now()); // "send" until wxid_a has had 8 replies this minute, then "warn" once, then "silent"
 * budget.waitMs("wechat", Date.now());                         // the outbox waits this long when the channel's window is full
 */
export class SendBudget {
  private readonly windows = new Map<string, Window>();
  private readonly haltedUntil = new Map<string, number>();

  constructor(readonly limits: SendLimits) {}

  private window(key: string, now: number): Window {
    let w = this.windows.get(key);
    if (!w) {
      // Senders come and go: drop windows with nothing left in them so the map stays small.
      if (this.windows.size >= 10_000) for (const [k, old] of this.windows) if (old.count(now, this.limits.windowMs) === 0 && old.warnedAt <= now - this.limits.windowMs) this.windows.delete(k);
      this.windows.set(key, (w = new Window()));
    }
    return w;
  }

  /**
   * Ask before replying to a message from `sender` in `conversation`. "send" counts
   * the reply; "warn" counts the notice that replaces it (once per overflow); "silent"
   * counts nothing. A halted channel and a spent channel budget are silent.
   */
  reply(channel: string, conversation: string, sender: string, now: number): ReplyVerdict {
    if (this.halted(channel, now)) return "silent";
    const { windowMs, perSender, perConversation, perChannel } = this.limits;
    const ch = this.window(`c:${channel}`, now);
    if (ch.count(now, windowMs) >= perChannel) return "silent";
    const conv = this.window(`g:${channel}:${conversation}`, now);
    const who = this.window(`s:${channel}:${sender}`, now);
    const over = [who.count(now, windowMs) >= perSender ? who : null, conv.count(now, windowMs) >= perConversation ? conv : null].filter((w) => w !== null);
    if (over.length) {
      // One notice per overflow: not again until the window has been clear of it.
      if (over.some((w) => w.warnedAt > now - windowMs)) return "silent";
      for (const w of over) w.warnedAt = now;
      this.spend(channel, conversation, now, sender);
      return "warn";
    }
    this.spend(channel, conversation, now, sender);
    return "send";
  }

  /** Count a send (the outbox's, or a reply already let through). */
  spend(channel: string, conversation: string, now: number, sender?: string): void {
    this.window(`c:${channel}`, now).add(now);
    this.window(`g:${channel}:${conversation}`, now).add(now);
    if (sender !== undefined) this.window(`s:${channel}:${sender}`, now).add(now);
  }

  /** How long the outbox must wait before the channel's budget has room (0: now). */
  waitMs(channel: string, now: number): number {
    const until = this.haltedUntil.get(channel);
    if (until !== undefined && until > now) return until - now;
    const ch = this.window(`c:${channel}`, now);
    if (ch.count(now, this.limits.windowMs) < this.limits.perChannel) return 0;
    return Math.max(1, ch.freeAt(this.limits.windowMs) - now);
  }

  /** The channel said "too frequent" (or another instance saw it): nothing goes out until `until`. */
  halt(channel: string, until: number): void {
    this.haltedUntil.set(channel, Math.max(until, this.haltedUntil.get(channel) ?? 0));
  }

  /** Sending resumed (by time, or `/外发 恢复`). */
  resume(channel: string): void {
    this.haltedUntil.delete(channel);
  }

  halted(channel: string, now: number): boolean {
    return (this.haltedUntil.get(channel) ?? -Infinity) > now;
  }
}
