import type { SqlRunner } from "../db/database.ts";
import { channelLabel, HALT_REASON, type HaltReason } from "../domain/glossary.ts";
import { formatDateTime } from "../domain/time.ts";
import { enqueue } from "./service.ts";

/**
 * Tell the county administrators, privately, that a channel stopped sending. They
 * hear it on every channel where they have an account: on the halted one the alert
 * waits at the head of its queue and goes first when sending resumes; on any other
 * it goes at once. Until then /health and /api/outbox show the halt.
 */
export async function alertCountyAdmins(sql: SqlRunner, channel: string, reason: HaltReason, now: Date, pauseMs: number | null): Promise<number> {
  const [pending] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE channel = $1 AND status = 'pending'`, [channel]);
  const resume = pauseMs !== null ? `已暂停自动发送${Math.round(pauseMs / 60_000)}分钟，之后自动恢复` : "已暂停自动发送，账号重新登录后自动恢复";
  const text =
    `【苗圃提醒】${channelLabel(channel)}：${HALT_REASON[reason]}（${formatDateTime(now)}），${resume}。` +
    `待发消息${pending?.n ?? 0}条都已保存，不会丢失。如需立即恢复，请在该渠道发送 /外发 恢复。`;
  return notifyCountyAdmins(sql, `alert:${channel}:${now.toISOString()}`, text, now);
}

/**
 * Queue `text` privately to every county administrator, on every channel where they
 * have an account, ahead of everything else. `key` names the event: the same key
 * queued twice reaches each administrator once. Returns how many were queued.
 */
export async function notifyCountyAdmins(sql: SqlRunner, key: string, text: string, now: Date): Promise<number> {
  const admins = await sql.query<{ channel: string; externalId: string }>(
    `SELECT channel, "externalId" FROM "ChatMember" WHERE role = 'county_admin' ORDER BY id`,
  );
  return enqueue(
    sql,
    admins.map((a) => ({ key: `${key}:${a.channel}:${a.externalId}`, channel: a.channel, conversation: a.externalId, isGroup: false, text, purpose: "alert", priority: 0 })),
    now,
  );
}
