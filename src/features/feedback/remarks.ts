import type { SqlRunner } from "../../db/database.ts";
import type { Recognition } from "../../domain/remark-recogniser.ts";

/** What a model adds to a recognition. */
export interface RemarkDetail {
  sentiment?: string | null;
  urgency?: string | null;
  summary?: string | null;
}

/**
 * Store what a message was recognised as on the archived message itself, and what
 * decided it (raw SQL: the message hot path, one short UPDATE by primary key).
 * `null` records small talk: a later verdict (the model's) may clear an earlier one.
 */
export async function storeRemark(sql: SqlRunner, messageId: number, r: Recognition | null, by: string, detail: RemarkDetail = {}): Promise<void> {
  await sql.query(
    `UPDATE "ArchivedMessage" SET "remarkKind" = $2::"RemarkKind", "remarkTopic" = $3::"FeedbackTopic", "remarkBy" = $4,
       sentiment = $5, urgency = $6, summary = $7
     WHERE id = $1`,
    [messageId, r?.kind ?? null, r?.topic ?? null, by, detail.sentiment ?? null, detail.urgency ?? null, detail.summary ?? null],
  );
}
