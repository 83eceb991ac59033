// The outbox as the rest of the app sees it: queue messages, wake the senders, ask
// what is waiting. One sender per channel, each under its channel's own pace policy.
import type { Channel } from "../core/channel.ts";
import type { Logger } from "../core/logger.ts";
import { SendBudget } from "../core/send-budget.ts";
import type { SqlRunner } from "../db/database.ts";
import type { OutboxPolicy } from "../domain/outbox-policy.ts";
import type { QuietHours } from "../domain/quiet-hours.ts";
import { routePrivate } from "./private-route.ts";
import { OutboxSender } from "./sender.ts";
import { channelHalted, enqueue, outboxSummary, resumeChannel, type OutboxInput, type OutboxSummary } from "./service.ts";

export type { OutboxInput } from "./service.ts";

export interface OutboxDeps {
  sql: SqlRunner;
  channels: { channel: Channel; policy: OutboxPolicy }[];
  instance: string;
  log: Logger;
  now: () => Date;
  random?: () => number;
  /** Channels in order of preference for private messages to people with several accounts (empty: as addressed). */
  privatePreference?: readonly string[];
  /** Shared with the bot's replies: one budget per channel (default: unlimited but for the policy's pace). */
  budget?: SendBudget;
  /** Quiet hours: private messages the bot sends on its own wait for their end, whenever their turn comes. */
  quiet?: QuietHours;
}

export class Outbox {
  readonly senders = new Map<string, OutboxSender>();
  readonly budget: SendBudget;
  private started = false;

  constructor(private readonly deps: OutboxDeps) {
    this.budget = deps.budget ?? new SendBudget({ windowMs: 60_000, perSender: Infinity, perConversation: Infinity, perChannel: Infinity });
    for (const { channel, policy } of deps.channels) {
      this.senders.set(
        channel.name,
        new OutboxSender({
          sql: deps.sql,
          channel,
          instance: deps.instance,
          policy,
          budget: this.budget,
          quiet: deps.quiet,
          log: deps.log.child({ part: "outbox", channel: channel.name }),
          now: deps.now,
          random: deps.random,
        }),
      );
    }
  }

  /**
   * A reply was refused as too frequent: stop every sender on the channel (on every
   * instance, through the channel's row) and tell the county administrators, as when
   * an outbox send is refused.
   */
  async rateLimited(channel: string, detail: string): Promise<void> {
    await this.senders.get(channel)?.rateLimited(detail);
  }

  /**
   * Queue messages (a key already queued is not stored again) and wake their senders.
   * Inside a transaction pass its `sql`, so the messages commit with the change they
   * announce; the senders are woken either way and find them once committed.
   */
  async enqueue(rows: OutboxInput[], now: Date, sql: SqlRunner = this.deps.sql): Promise<number> {
    const routed = await routePrivate(sql, rows, this.deps.privatePreference ?? [], new Set(this.senders.keys()));
    const n = await enqueue(sql, routed, now);
    if (n) for (const channel of new Set(routed.map((r) => r.channel))) this.wake(channel);
    return n;
  }

  /** Look for work now (after queueing in a transaction that has committed). */
  wake(channel?: string): void {
    if (channel === undefined) for (const s of this.senders.values()) s.wake();
    else this.senders.get(channel)?.wake();
  }

  /** The sender of a channel, for tests that step it with a fixed clock. */
  sender(channel: string): OutboxSender {
    const s = this.senders.get(channel);
    if (!s) throw new Error(`no outbox sender for channel ${channel}`);
    return s;
  }

  policy(channel: string): OutboxPolicy | undefined {
    return this.deps.channels.find((c) => c.channel.name === channel)?.policy;
  }

  summary(now: Date): Promise<OutboxSummary> {
    return outboxSummary(this.deps.sql, now);
  }

  halted(channel: string): Promise<boolean> {
    return channelHalted(this.deps.sql, channel);
  }

  resume(channel: string): Promise<boolean> {
    this.budget.resume(channel);
    return resumeChannel(this.deps.sql, channel);
  }

  start(): void {
    this.started = true;
    for (const s of this.senders.values()) s.start();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await Promise.all([...this.senders.values()].map((s) => s.stop()));
  }
}
