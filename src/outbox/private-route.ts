// Where a private message goes when its person has accounts on several channels.
import type { SqlRunner } from "../db/database.ts";
import type { OutboxInput } from "./service.ts";

/**
 * Send each private message to the person's account on the first channel of
 * `preference` where they have one (accounts are the same person when bound to the
 * same record), among the channels this process can send on; otherwise where it was
 * addressed. Group messages and people with one account are left as they are.
 * Raw SQL: it runs inside the caller's enqueue transaction.
 */
export async function routePrivate(sql: SqlRunner, rows: OutboxInput[], preference: readonly string[], sendable: ReadonlySet<string>): Promise<OutboxInput[]> {
  const privates = rows.filter((r) => !r.isGroup);
  if (!preference.length || !privates.length) return rows;
  const siblings = await sql.query<{ fromChannel: string; fromId: string; channel: string; externalId: string }>(
    `SELECT m.channel AS "fromChannel", m."externalId" AS "fromId", o.channel, o."externalId"
       FROM "ChatMember" m
       JOIN unnest($1::text[], $2::text[]) AS u(ch, ext) ON m.channel = u.ch AND m."externalId" = u.ext
       JOIN "ChatMember" o ON o."candidateId" = m."candidateId" AND o.id <> m.id
      WHERE m."candidateId" IS NOT NULL`,
    [privates.map((r) => r.channel), privates.map((r) => r.conversation)],
  );
  if (!siblings.length) return rows;
  return rows.map((r) => {
    if (r.isGroup) return r;
    const accounts = [{ channel: r.channel, externalId: r.conversation }, ...siblings.filter((s) => s.fromChannel === r.channel && s.fromId === r.conversation)];
    for (const channel of preference) {
      const account = accounts.find((a) => a.channel === channel && sendable.has(channel));
      if (account) return { ...r, channel: account.channel, conversation: account.externalId };
    }
    return r;
  });
}
