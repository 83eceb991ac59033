// Drains the outbox for one channel: claim, hand to the channel, record. One
// message is in the channel's hands at a time, so a crash can repeat at most that one.
import type { Channel } from "../core/channel.ts";
import { AppError, failureOf, type SendFailure } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { SendBudget } from "../core/send-budget.ts";
import type { SqlRunner } from "../db/database.ts";
import type { HaltReason } from "../domain/glossary.ts";
import type { OutboxPolicy } from "../domain/outbox-policy.ts";
import type { QuietHours } from "../domain/quiet-hours.ts";
import { alertCountyAdmins } from "./alerts.ts";
import { claimNext, haltChannel, markFailed, markSent, type OutboxRow } from "./service.ts";

export interface SenderDeps {
  sql: SqlRunner;
  channel: Channel;
  instance: string;
  policy: OutboxPolicy;
  /** The channel's send budget, shared with the bot's replies. */
  budget?: SendBudget;
  /** Private messages the bot sends on its own wait out these hours (none: sent when due). */
  quiet?: QuietHours;
  log: Logger;
  now?: () => Date;
  random?: () => number;
}

/** Sends one channel's messages under that channel's own policy. */
export class OutboxSender {
  private stopped = true;
  private wasReady = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly now: () => Date;
  private readonly random: () => number;

  constructor(private readonly deps: SenderDeps) {
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Look for work now (called after enqueueing). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Finish the message in hand, then stop. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { log, policy } = this.deps;
    let failures = 0;
    while (!this.stopped) {
      let waitMs = 0;
      try {
        waitMs = await this.step();
        failures = 0;
      } catch (err) {
        // The database is away: keep trying, more slowly, and say so once in a while.
        failures++;
        if (failures === 1 || failures % 60 === 0) log.error("outbox sender cannot reach the database", { err, failures });
        waitMs = Math.min(30_000, policy.pollMs * failures);
      }
      if (waitMs > 0 && !this.stopped) await this.sleep(waitMs);
    }
  }

  /** One claim and send; returns how long to wait before the next. */
  async step(): Promise<number> {
    const { sql, channel, instance, policy } = this.deps;
    if (!channel.isReady()) {
      // Logged in before and not now: the account was signed off.
      if (this.wasReady) {
        this.wasReady = false;
        await this.halt("logged_out", `the ${channel.name} account logged out`);
      }
      return policy.pollMs;
    }
    this.wasReady = true;
    const { budget } = this.deps;
    // Replies spent the channel's budget for now: wait, as for the pace.
    const full = budget?.waitMs(channel.name, this.now().getTime()) ?? 0;
    if (full > 0) return Math.min(full, policy.pollMs * 60);
    const claim = await claimNext(sql, { channel: channel.name, instance, now: this.now(), policy, random: this.random, channelReady: true, quiet: this.deps.quiet });
    if ("waitMs" in claim) {
      // Halted, perhaps by another instance: replies on this one hold off too.
      if (claim.reason === "halted") budget?.halt(channel.name, this.now().getTime() + claim.waitMs);
      return claim.waitMs;
    }
    const row = claim.row;
    budget?.spend(channel.name, row.conversation, this.now().getTime());
    try {
      await channel.send({ id: row.conversation, isGroup: row.isGroup }, { text: row.text, mentions: row.mentions ?? undefined });
    } catch (err) {
      await this.failed(row, failureOf(err), describe(err));
      return 0;
    }
    await this.recordSent(row);
    return 0;
  }

  /** A reply on this channel was refused as too frequent: stop as for an outbox send. */
  async rateLimited(detail: string): Promise<void> {
    this.deps.budget?.halt(this.deps.channel.name, this.now().getTime() + this.deps.policy.rateLimitPauseMs);
    await this.halt("rate_limited", detail);
  }

  // The message went out; if recording that fails the lease would let it go out
  // again, so try hard before giving up.
  private async recordSent(row: OutboxRow): Promise<void> {
    const { sql, instance, log } = this.deps;
    for (let attempt = 1; ; attempt++) {
      try {
        await markSent(sql, row.id, instance, this.now());
        return;
      } catch (err) {
        if (attempt >= 5) {
          log.error("sent message could not be recorded; it may be sent again after its lease", { err, outboxId: row.id });
          return;
        }
        await this.sleep(200 * attempt);
      }
    }
  }

  private async failed(row: OutboxRow, failure: SendFailure, error: string): Promise<void> {
    const { sql, instance, policy, log } = this.deps;
    const now = this.now();
    const r = await markFailed(sql, row, failure, error, { instance, now, policy, random: this.random });
    if (r.gaveUp) log.error("outbox message failed for good", { outboxId: row.id, key: row.key, error });
    else log.warn("outbox send failed", { outboxId: row.id, key: row.key, failure, error });
    if (failure === "rate_limited") this.deps.budget?.halt(row.channel, now.getTime() + policy.rateLimitPauseMs);
    if (r.halted) await this.alert(failure as HaltReason, error, now);
  }

  private async halt(reason: HaltReason, error: string): Promise<void> {
    const now = this.now();
    if (await haltChannel(this.deps.sql, this.deps.channel.name, reason, now, this.deps.policy)) await this.alert(reason, error, now);
  }

  private async alert(reason: HaltReason, error: string, now: Date): Promise<void> {
    const { sql, channel, policy, log } = this.deps;
    log.error("outbox sending stopped", { channel: channel.name, reason, error });
    await alertCountyAdmins(sql, channel.name, reason, now, reason === "rate_limited" ? policy.rateLimitPauseMs : null);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }
}

/** What the channel said, for the row's lastError and the log. */
function describe(err: unknown): string {
  if (err instanceof AppError) return String(err.data.detail ?? err.userMessage);
  return (err as Error)?.message ?? String(err);
}
