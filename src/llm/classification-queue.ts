// The durable queue between filing and the language model. Filing stores the local
// recogniser's verdict at once and adds a row here; workers take rows a few at a time
// (FOR UPDATE SKIP LOCKED, so instances sharing a database never take the same one),
// ask the model with a timeout, and either apply its answer, send a doubtful one to the
// cadres' review list, retry later, or — after bounded tries or an answer that will not
// validate — let the local recogniser's verdict stand. While the circuit is open nothing
// is claimed and nothing is lost: rows simply wait. Raw SQL: row locks and ON CONFLICT.
import type { Logger } from "../core/logger.ts";
import type { Database, SqlRunner } from "../db/database.ts";
import type { AreaRef } from "../domain/area.ts";
import type { Recognition } from "../domain/remark-recogniser.ts";
import { clip } from "../domain/text.ts";
import type { Classifier } from "./classifier.ts";
import { CircuitBreaker } from "./circuit-breaker.ts";
import { asRecognition, type ModelAnswer, type ModelOutcome } from "./openai-classifier.ts";

/** What to do with a settled message: store the verdict, file or refine its item. */
export type ApplyVerdict = (v: {
  messageId: number;
  recognition: Recognition | null;
  by: string;
  answer: ModelAnswer | null;
  at: Date;
}) => Promise<void>;

export interface ModelQueueOptions {
  db: Database;
  model: { name: string; classify(text: string): Promise<ModelOutcome> };
  /** The recogniser without a model: settles what the model cannot. */
  fallback: Classifier;
  apply: ApplyVerdict;
  concurrency: number;
  /** Model calls a minute at most (LLM_CALLS_PER_MINUTE): a flood of messages waits in the queue, not at the endpoint. */
  callsPerMinute?: number;
  maxAttempts: number;
  /** Below this confidence the answer goes to review instead of the file. */
  reviewBelow: number;
  /** Area names or division codes whose messages never go to the model. */
  disabledAreas: string[];
  timeoutMs: number;
  log: Logger;
  now: () => Date;
  breaker?: CircuitBreaker;
  pollMs?: number;
}

interface Claimed {
  messageId: number;
  attempts: number;
  text: string;
}

/** Shorter than this, a message is an acknowledgement: not worth a model call. */
const MIN_CODE_POINTS = 6;

export class ModelQueue {
  readonly breaker: CircuitBreaker;
  private inFlight = 0;
  /** When the calls of the last minute were made (ms), for callsPerMinute. */
  private calls: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private disabledIds: Promise<number[]> | null = null;
  private stopped = false;

  constructor(private readonly o: ModelQueueOptions) {
    this.breaker = o.breaker ?? new CircuitBreaker({ threshold: 5, cooldownMs: 60_000 });
  }

  /**
   * Queue a filed message for the model, unless its area keeps messages off the model
   * or it is too short to say anything. Queuing it twice stores it once.
   */
  async enqueue(messageId: number, text: string, area: AreaRef | null, now: Date, sql: SqlRunner = this.o.db.sql): Promise<boolean> {
    if ([...text.trim()].length < MIN_CODE_POINTS) return false;
    if (await this.isDisabled(area)) return false;
    const rows = await sql.query(
      `INSERT INTO "ClassificationTask" ("messageId", "nextAttemptAt", "updatedAt") VALUES ($1, $2, $2)
       ON CONFLICT ("messageId") DO NOTHING RETURNING "messageId"`,
      [messageId, now.toISOString()],
    );
    if (rows.length) this.wake();
    return rows.length > 0;
  }

  /**
   * Put messages back in the queue, as new (after an outage or a model change); the
   * same rules as `enqueue` decide which may go to the model. Returns how many were queued.
   */
  async requeue(messages: { id: number; text: string; areaPath: string | null }[], now: Date): Promise<number> {
    const ids: number[] = [];
    for (const m of messages) {
      if ([...m.text.trim()].length < MIN_CODE_POINTS) continue;
      if (m.areaPath && (await this.isDisabled({ path: m.areaPath }))) continue;
      ids.push(m.id);
    }
    if (!ids.length) return 0;
    const rows = await this.o.db.sql.query(
      `INSERT INTO "ClassificationTask" ("messageId", "nextAttemptAt", "updatedAt")
       SELECT unnest($1::int[]), $2, $2
       ON CONFLICT ("messageId") DO UPDATE SET status = 'pending', attempts = 0, "nextAttemptAt" = $2, "leaseUntil" = NULL, "lastError" = NULL, "updatedAt" = $2
       RETURNING "messageId"`,
      [ids, now.toISOString()],
    );
    this.wake();
    return rows.length;
  }

  /** May what concerns this area go to the model (LLM_DISABLED_AREAS)? */
  async allows(area: Pick<AreaRef, "path"> | null): Promise<boolean> {
    return !(await this.isDisabled(area));
  }

  private async isDisabled(area: Pick<AreaRef, "path"> | null): Promise<boolean> {
    if (!this.o.disabledAreas.length || !area) return false;
    this.disabledIds ??= this.o.db.sql
      .query<{ id: number }>(`SELECT id FROM "Area" WHERE name = ANY($1::text[]) OR code = ANY($1::text[])`, [this.o.disabledAreas])
      .then((rows) => rows.map((r) => r.id));
    const ids = await this.disabledIds;
    return ids.some((id) => area.path.includes(`/${id}/`));
  }

  /** Claim what is due and free, and work it; resolves when those are settled. Returns how many were worked. */
  async tick(): Promise<number> {
    const now = this.o.now();
    const t = now.getTime();
    while (this.calls.length && this.calls[0]! <= t - 60_000) this.calls.shift();
    const free = Math.min(this.o.concurrency - this.inFlight, (this.o.callsPerMinute ?? Infinity) - this.calls.length);
    if (free <= 0 || this.stopped) return 0;
    const state = this.breaker.state(now.getTime());
    if (state === "open") return 0;
    // Half-open: one message tries the endpoint; its outcome closes or reopens the circuit.
    const limit = state === "half-open" ? 1 : free;
    const claimed = await this.claim(limit, now);
    this.inFlight += claimed.length;
    this.calls.push(...claimed.map(() => t));
    await Promise.all(
      claimed.map((c) =>
        this.work(c)
          .catch((err) => this.o.log.error("classifying a queued message failed", { err, messageId: c.messageId }))
          .finally(() => (this.inFlight -= 1)),
      ),
    );
    return claimed.length;
  }

  private async claim(limit: number, now: Date): Promise<Claimed[]> {
    const lease = new Date(now.getTime() + this.o.timeoutMs * 3 + 10_000);
    return this.o.db.sql.transaction((tx) =>
      tx.query<Claimed>(
        `UPDATE "ClassificationTask" t SET attempts = t.attempts + 1, "leaseUntil" = $2, "updatedAt" = $1
           FROM (SELECT "messageId" FROM "ClassificationTask"
                  WHERE status = 'pending' AND "nextAttemptAt" <= $1 AND ("leaseUntil" IS NULL OR "leaseUntil" < $1)
                  ORDER BY "nextAttemptAt", "messageId" LIMIT $3 FOR UPDATE SKIP LOCKED) due,
                "ArchivedMessage" m
          WHERE t."messageId" = due."messageId" AND m.id = t."messageId"
          RETURNING t."messageId" AS "messageId", t.attempts, m.text`,
        [now.toISOString(), lease.toISOString(), limit],
      ),
    );
  }

  private async work(c: Claimed): Promise<void> {
    const out = await this.o.model.classify(c.text);
    const now = this.o.now();
    if (out.ok) {
      this.breaker.success();
      const result = JSON.stringify(out.answer);
      const by = `${this.o.model.name}`;
      if (out.answer.confidence < this.o.reviewBelow) {
        await this.settle(c.messageId, "review", { result, by, error: null }, now);
        return;
      }
      await this.o.apply({ messageId: c.messageId, recognition: asRecognition(out.answer), by, answer: out.answer, at: now });
      await this.settle(c.messageId, "done", { result, by, error: null }, now);
      return;
    }
    if (out.retry) {
      this.breaker.failure(now.getTime());
      if (c.attempts < this.o.maxAttempts) {
        const wait = Math.min(30_000 * 2 ** (c.attempts - 1), 3_600_000);
        await this.o.db.sql.query(
          `UPDATE "ClassificationTask" SET "nextAttemptAt" = $2, "leaseUntil" = NULL, "lastError" = $3, "updatedAt" = $4 WHERE "messageId" = $1`,
          [c.messageId, new Date(now.getTime() + wait).toISOString(), out.error, now.toISOString()],
        );
        return;
      }
    } else {
      // The endpoint answered, just not usefully: it is up.
      this.breaker.success();
    }
    this.o.log.warn("the model gave no usable answer; the recogniser's verdict stands", { messageId: c.messageId, error: out.error });
    await this.o.apply({ messageId: c.messageId, recognition: await this.o.fallback.classify(c.text), by: this.o.fallback.name, answer: null, at: now });
    await this.settle(c.messageId, "fallback", { result: null, by: this.o.fallback.name, error: out.error }, now);
  }

  private async settle(messageId: number, status: "done" | "review" | "fallback", r: { result: string | null; by: string; error: string | null }, now: Date) {
    await this.o.db.sql.query(
      `UPDATE "ClassificationTask" SET status = $2::"ClassificationStatus", result = $3::jsonb, "producedBy" = $4, "lastError" = $5, "leaseUntil" = NULL, "updatedAt" = $6
        WHERE "messageId" = $1`,
      [messageId, status, r.result, r.by, r.error === null ? null : clip(r.error, 200), now.toISOString()],
    );
  }

  /** Work until nothing is due now (tests, and `npm run reclassify`). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.tick(); n > 0; n = await this.tick()) total += n;
    return total;
  }

  /** Rows waiting, for /health-like reports. */
  async pending(): Promise<number> {
    const [row] = await this.o.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ClassificationTask" WHERE status = 'pending'`);
    return row?.n ?? 0;
  }

  wake(): void {
    if (!this.timer || this.stopped) return;
    this.running = this.running.then(() => this.tick()).catch((err) => this.o.log.error("model queue tick failed", { err }));
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.o.pollMs ?? 1000);
    this.timer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.stopped = true;
    await this.running;
  }
}
