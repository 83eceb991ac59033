// The durable outbox: every message the bot sends on its own is a row here first.
// Claims lock the channel's row (pace, daily count, halt) and take one message
// with FOR UPDATE SKIP LOCKED, so instances sharing a database neither send a
// message twice nor together exceed the channel's pace.
// Raw SQL throughout (the project's rule, see db/database.ts): row locks, and
// enqueueing inside the caller's transaction.
import type { SqlRunner } from "../db/database.ts";
import type { SendFailure } from "../core/errors.ts";
import { backoffMs, capDay, nextCapDay, nextSendAt, type OutboxPolicy } from "../domain/outbox-policy.ts";
import { inQuietHours, sendableAt, SENT_ON_SOMEONES_BEHALF, type QuietHours } from "../domain/quiet-hours.ts";
import { clip } from "../domain/text.ts";

export interface OutboxInput {
  /** Names the logical message: the same key enqueued twice is stored once. */
  key: string;
  channel: string;
  conversation: string;
  isGroup: boolean;
  text: string;
  mentions?: { id: string; name: string }[];
  /** What it is for, as the outbox view filters it: reminder, summary, digest, nudge, alert, answer… */
  purpose: string;
  /** Lower goes first (alerts 0, answers to people 50, the rest 100). */
  priority?: number;
}

export interface OutboxRow {
  id: number;
  key: string;
  channel: string;
  conversation: string;
  isGroup: boolean;
  text: string;
  mentions: { id: string; name: string }[] | null;
  purpose: string;
  attempts: number;
}

export type Claim = { row: OutboxRow } | { waitMs: number; reason: "paced" | "idle" | "halted" | "daily_cap" };

/** Store messages; returns how many were new. One statement however many rows. */
export async function enqueue(sql: SqlRunner, rows: OutboxInput[], now: Date): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await sql.query<{ id: number }>(
    `INSERT INTO "OutboxMessage" (key, channel, conversation, "isGroup", text, mentions, purpose, priority, "nextAttemptAt", "createdAt")
     SELECT k, ch, conv, g, t, m::jsonb, p, pr, $9::timestamp, $9::timestamp
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::text[], $6::text[], $7::text[], $8::int[])
         AS u(k, ch, conv, g, t, m, p, pr)
     ON CONFLICT (key) DO NOTHING
     RETURNING id`,
    [
      rows.map((r) => r.key),
      rows.map((r) => r.channel),
      rows.map((r) => r.conversation),
      rows.map((r) => r.isGroup),
      rows.map((r) => r.text),
      rows.map((r) => (r.mentions?.length ? JSON.stringify(r.mentions) : null)),
      rows.map((r) => r.purpose),
      rows.map((r) => r.priority ?? 100),
      now.toISOString(),
    ],
  );
  return inserted.length;
}

interface ChannelState {
  nextSendAt: Date;
  day: string;
  sentToday: number;
  haltedAt: Date | null;
  haltReason: string | null;
  haltedUntil: Date | null;
}

/**
 * Take the next message this channel may send now, or say how long to wait.
 * `channelReady` is whether the channel is logged in: a halt for a logout ends
 * when it is back.
 */
export async function claimNext(
  sql: SqlRunner,
  opts: { channel: string; instance: string; now: Date; policy: OutboxPolicy; random: () => number; channelReady: boolean; quiet?: QuietHours },
): Promise<Claim> {
  const { channel, instance, now, policy } = opts;
  return sql.transaction(async (tx) => {
    // Create the channel's row on first use and lock it, in one statement: the lock
    // makes claimers on every instance take turns with the pace and the day's count.
    const [state] = await tx.query<ChannelState>(
      `INSERT INTO "OutboxChannel" (channel, "nextSendAt") VALUES ($1, $2)
       ON CONFLICT (channel) DO UPDATE SET channel = EXCLUDED.channel RETURNING *`,
      [channel, now.toISOString()],
    );
    if (!state) throw new Error(`outbox channel row for ${channel} missing`);

    if (state.haltedAt) {
      const over = state.haltedUntil ? state.haltedUntil <= now : opts.channelReady;
      if (!over) return { waitMs: state.haltedUntil ? Math.min(policy.pollMs, +state.haltedUntil - +now) : policy.pollMs, reason: "halted" };
      await tx.query(`UPDATE "OutboxChannel" SET "haltedAt" = NULL, "haltReason" = NULL, "haltedUntil" = NULL WHERE channel = $1`, [channel]);
    }
    if (state.nextSendAt > now) return { waitMs: +state.nextSendAt - +now, reason: "paced" };
    const today = capDay(now);
    const sentToday = state.day === today ? state.sentToday : 0;
    if (sentToday >= policy.dailyCap) return { waitMs: Math.min(policy.pollMs * 60, +nextCapDay(now) - +now), reason: "daily_cap" };

    // A message claimed by an instance that died goes back to the queue.
    await tx.query(
      `UPDATE "OutboxMessage" SET status = 'pending', "claimedBy" = NULL, "leaseUntil" = NULL
        WHERE channel = $1 AND status = 'sending' AND "leaseUntil" < $2`,
      [channel, now.toISOString()],
    );
    // Quiet hours hold at the moment of sending, not only when queued: a private batch
    // paced past the start of the night moves, as a whole, to the end of it.
    if (opts.quiet && inQuietHours(now, opts.quiet)) {
      await tx.query(
        `UPDATE "OutboxMessage" SET "nextAttemptAt" = $3
          WHERE channel = $1 AND status = 'pending' AND "nextAttemptAt" <= $2 AND NOT "isGroup" AND purpose <> ALL($4::text[])`,
        [channel, now.toISOString(), sendableAt(now, opts.quiet).toISOString(), SENT_ON_SOMEONES_BEHALF],
      );
    }
    const row = await takeNext(tx, channel, now, policy);
    if (!row) {
      const [soonest] = await tx.query<{ at: Date | null }>(
        `SELECT min("nextAttemptAt") AS at FROM "OutboxMessage" WHERE channel = $1 AND status = 'pending'`,
        [channel],
      );
      // A message already due but not taken is held by its conversation's interval
      // (or claimed by another instance): look again after a poll, not at once.
      const until = soonest?.at && soonest.at > now ? +soonest.at - +now : policy.pollMs;
      return { waitMs: Math.max(1, Math.min(policy.pollMs, until)), reason: "idle" };
    }
    await tx.query(
      `UPDATE "OutboxMessage" SET status = 'sending', "claimedBy" = $2, "leaseUntil" = $3, "handedAt" = $4, attempts = attempts + 1
        WHERE id = $1`,
      [row.id, instance, new Date(now.getTime() + policy.leaseMs).toISOString(), now.toISOString()],
    );
    await tx.query(`UPDATE "OutboxChannel" SET "nextSendAt" = $2, day = $3, "sentToday" = $4 WHERE channel = $1`, [
      channel,
      nextSendAt(state.nextSendAt, now, policy, opts.random).toISOString(),
      today,
      sentToday + 1,
    ]);
    return { row: { ...row, attempts: row.attempts + 1 } };
  });
}

/**
 * Lock the first due message whose conversation has had nothing within the
 * conversation interval. A message whose conversation is too recent is moved to
 * when it may go, so every look is an index lookup: scanning what was sent for
 * each candidate cost PGlite (which keeps no planner statistics) seconds per claim.
 */
async function takeNext(tx: SqlRunner, channel: string, now: Date, policy: OutboxPolicy): Promise<OutboxRow | null> {
  for (let tries = 0; tries < 20; tries++) {
    const [row] = await tx.query<OutboxRow>(
      `SELECT id, key, channel, conversation, "isGroup", text, mentions, purpose, attempts
         FROM "OutboxMessage"
        WHERE channel = $1 AND status = 'pending' AND "nextAttemptAt" <= $2
        ORDER BY priority, "nextAttemptAt", id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`,
      [channel, now.toISOString()],
    );
    if (!row || policy.conversationIntervalMs <= 0) return row ?? null;
    const [last] = await tx.query<{ at: Date | null }>(
      `SELECT max("handedAt") AS at FROM "OutboxMessage" WHERE conversation = $1 AND channel = $2`,
      [row.conversation, channel],
    );
    const free = last?.at ? last.at.getTime() + policy.conversationIntervalMs : 0;
    if (free <= now.getTime()) return row;
    await tx.query(`UPDATE "OutboxMessage" SET "nextAttemptAt" = $2 WHERE id = $1`, [row.id, new Date(free).toISOString()]);
  }
  return null;
}

/** The channel took the message. Only the claimant's claim counts. */
export async function markSent(sql: SqlRunner, id: number, instance: string, now: Date): Promise<void> {
  await sql.query(
    `UPDATE "OutboxMessage" SET status = 'sent', "sentAt" = $3, "leaseUntil" = NULL, "lastError" = NULL
      WHERE id = $1 AND "claimedBy" = $2 AND status = 'sending'`,
    [id, instance, now.toISOString()],
  );
}

/**
 * The channel refused the message. A plain failure is retried with backoff until
 * `maxAttempts`; a rate limit or a logout puts the message back untouched and
 * halts the channel (returns true when this call started the halt).
 */
export async function markFailed(
  sql: SqlRunner,
  row: OutboxRow,
  failure: SendFailure,
  error: string,
  opts: { instance: string; now: Date; policy: OutboxPolicy; random: () => number },
): Promise<{ halted: boolean; gaveUp: boolean }> {
  const { now, policy } = opts;
  const message = clip(error, 500);
  return sql.transaction(async (tx) => {
    if (failure === "failed") {
      const gaveUp = row.attempts >= policy.maxAttempts;
      const retryAt = new Date(now.getTime() + backoffMs(row.attempts, policy, opts.random));
      await tx.query(
        `UPDATE "OutboxMessage" SET status = $3, "nextAttemptAt" = $4, "lastError" = $5, "leaseUntil" = NULL, "handedAt" = NULL
          WHERE id = $1 AND "claimedBy" = $2 AND status = 'sending'`,
        [row.id, opts.instance, gaveUp ? "failed" : "pending", retryAt.toISOString(), message],
      );
      return { halted: false, gaveUp };
    }
    // Not the message's fault: it did not go out and does not use up a try.
    await tx.query(
      `UPDATE "OutboxMessage" SET status = 'pending', attempts = attempts - 1, "lastError" = $3, "leaseUntil" = NULL, "handedAt" = NULL
        WHERE id = $1 AND "claimedBy" = $2 AND status = 'sending'`,
      [row.id, opts.instance, message],
    );
    await tx.query(`UPDATE "OutboxChannel" SET "sentToday" = GREATEST("sentToday" - 1, 0) WHERE channel = $1`, [row.channel]);
    return { halted: await haltChannel(tx, row.channel, failure, now, policy), gaveUp: false };
  });
}

/**
 * Stop all sending on a channel, for every instance: for `rateLimitPauseMs` after a
 * rate limit, until the account is back after a logout. True when this call started the halt.
 */
export async function haltChannel(sql: SqlRunner, channel: string, reason: "rate_limited" | "logged_out", now: Date, policy: Pick<OutboxPolicy, "rateLimitPauseMs">): Promise<boolean> {
  const until = reason === "rate_limited" ? new Date(now.getTime() + policy.rateLimitPauseMs).toISOString() : null;
  await sql.query(`INSERT INTO "OutboxChannel" (channel, "nextSendAt") VALUES ($1, $2) ON CONFLICT DO NOTHING`, [channel, now.toISOString()]);
  const halted = await sql.query(
    `UPDATE "OutboxChannel" SET "haltedAt" = $2, "haltReason" = $3, "haltedUntil" = $4
      WHERE channel = $1 AND "haltedAt" IS NULL RETURNING channel`,
    [channel, now.toISOString(), reason, until],
  );
  return halted.length > 0;
}

/** Whether sending on a channel is stopped: one row by its key, for a reply that only needs that. */
export async function channelHalted(sql: SqlRunner, channel: string): Promise<boolean> {
  const rows = await sql.query(`SELECT 1 FROM "OutboxChannel" WHERE channel = $1 AND "haltedAt" IS NOT NULL`, [channel]);
  return rows.length > 0;
}

/** Lift a halt now (a cadre says the account is fine again). */
export async function resumeChannel(sql: SqlRunner, channel: string): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE "OutboxChannel" SET "haltedAt" = NULL, "haltReason" = NULL, "haltedUntil" = NULL WHERE channel = $1 AND "haltedAt" IS NOT NULL RETURNING channel`,
    [channel],
  );
  return rows.length > 0;
}

export interface ChannelSummary {
  channel: string;
  pending: number;
  failed: number;
  halted: boolean;
  haltReason: string | null;
  haltedUntil: Date | null;
  /** Sends counted against today's cap (Beijing day). */
  sentToday: number;
}

export interface OutboxSummary {
  pending: number;
  sending: number;
  failed: number;
  channels: ChannelSummary[];
}

/**
 * What is waiting and what has stopped, per channel. Counts only unsent rows (through
 * the status index), so it costs the same however many messages were ever sent.
 */
export async function outboxSummary(sql: SqlRunner, now: Date): Promise<OutboxSummary> {
  const [counts, rows] = await Promise.all([
    sql.query<{ channel: string; status: string; n: number }>(
      `SELECT channel, status::text AS status, count(*)::int AS n FROM "OutboxMessage"
        WHERE status IN ('pending', 'sending', 'failed') GROUP BY channel, status`,
    ),
    sql.query<{ channel: string; haltedAt: Date | null; haltReason: string | null; haltedUntil: Date | null; sentToday: number; day: string }>(
      `SELECT channel, "haltedAt", "haltReason", "haltedUntil", "sentToday", day FROM "OutboxChannel" ORDER BY channel`,
    ),
  ]);
  const n = (status: string, channel?: string) =>
    counts.filter((c) => c.status === status && (channel === undefined || c.channel === channel)).reduce((a, c) => a + c.n, 0);
  const names = [...new Set([...rows.map((r) => r.channel), ...counts.map((c) => c.channel)])].sort();
  const today = capDay(now);
  return {
    pending: n("pending"),
    sending: n("sending"),
    failed: n("failed"),
    channels: names.map((channel) => {
      const r = rows.find((x) => x.channel === channel);
      return {
        channel,
        pending: n("pending", channel) + n("sending", channel),
        failed: n("failed", channel),
        halted: !!r?.haltedAt,
        haltReason: r?.haltReason ?? null,
        haltedUntil: r?.haltedUntil ?? null,
        sentToday: r && r.day === today ? r.sentToday : 0,
      };
    }),
  };
}
