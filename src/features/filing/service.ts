import { MEDIA_PLACEHOLDER } from "../../core/chat-message.ts";
import type { Middleware } from "../../core/composer.ts";
import { AppError } from "../../core/errors.ts";
import { parseCommand } from "../../domain/command-parser.ts";
import { HEARS_ONLY_MENTIONS, MENTIONS_ONLY_NOTE } from "../../domain/glossary.ts";
import { clip } from "../../domain/text.ts";
import type { AppContext } from "../context.ts";
import { actorOf } from "./directory.ts";

/** Longest text kept in the archive; anything longer is cut with a marker (never rejected). */
export const MAX_ARCHIVED_CHARS = 20_000;
/**
 * The one statement that files a message (raw SQL: the message hot path, one round
 * trip, ON CONFLICT for redeliveries); the benchmark's raw-insert baseline runs it too.
 * Times are passed in as UTC, as Prisma writes them: the columns have no zone and the
 * database's CURRENT_TIMESTAMP would follow the server's.
 */
export const ARCHIVE_INSERT = `INSERT INTO "ArchivedMessage" (channel, "externalId", "groupId", "memberId", "candidateId", kind, text, "sentAt", backlog, "receivedAt")
  VALUES ($1, $2, $3, $4, $5, $6::"MessageKind", $7, $8, $9, $10)
  ON CONFLICT (channel, "externalId") DO NOTHING RETURNING id`;
const BIND_GROUP_NAMES = ["绑定群", "bindgroup", "bind-group"];
const RETRY_DELAYS_MS = [50, 250, 1000];

/**
 * File every message from a liaison group (or a private chat) against its sender,
 * exactly once per channel message id. Stops the pipeline for duplicates and for
 * unbound groups (where only /绑定群 is heard).
 */
export function fileEveryMessage(): Middleware<AppContext> {
  return async (ctx, next) => {
    const { message: m, services } = ctx;
    const { directory } = services;
    const group = m.conversation.isGroup ? await withRetry(() => directory.group(m.channel, m.conversation.id)) : null;

    if (m.conversation.isGroup && !group) {
      const cmd = parseCommand(m.text, BIND_GROUP_NAMES);
      if (ctx.backlog) return;
      if (!cmd || !BIND_GROUP_NAMES.includes(cmd.name)) {
        // Where the bot hears only what is said to it, silence would look broken: say what to do.
        if (HEARS_ONLY_MENTIONS.has(m.channel)) await ctx.reply(`本群还没有设为联系群，我暂时不记录本群的发言。请村干部@我发送：/绑定群 乡镇或村名\n${MENTIONS_ONLY_NOTE}`);
        return;
      }
      const member = await withRetry(() => directory.member(m.channel, m.sender.id, m.sender.name));
      ctx.filed = { member, actor: actorOf(member), group: null, messageId: null };
      return next();
    }

    const member = await withRetry(() => directory.member(m.channel, m.sender.id, m.sender.name));
    const text = m.kind === "text" ? m.text : m.text || MEDIA_PLACEHOLDER[m.kind];
    const stored = clip(text, MAX_ARCHIVED_CHARS, "…[已截断]");
    const rows = await withRetry(() =>
      services.db.sql.query<{ id: number }>(ARCHIVE_INSERT, [
        m.channel, m.id, group?.id ?? null, member.id, member.candidateId, m.kind, stored, m.sentAt.toISOString(), ctx.backlog, ctx.now().toISOString(),
      ]),
    );
    const id = rows[0]?.id;
    if (id === undefined) {
      ctx.log.debug("duplicate delivery ignored");
      return;
    }
    if (group && m.conversation.topic && group.topic !== m.conversation.topic) {
      // Renaming a group keeps its binding; the register follows the new name. Only after
      // the message is safe: a failure here must not cost the message.
      await services.db.prisma.liaisonGroup
        .update({ where: { id: group.id }, data: { topic: m.conversation.topic } })
        .then(() => directory.forgetGroup(m.channel, m.conversation.id))
        .catch((err) => ctx.log.warn("could not record the group's new name", { err }));
    }
    ctx.filed = { member, actor: actorOf(member), group, messageId: id };
    await next(); // backlog goes only as far as replayedBacklog(), which answers nothing
  };
}

async function withRetry<T>(op: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (const delay of [0, ...RETRY_DELAYS_MS]) {
    if (delay) await new Promise((r) => setTimeout(r, delay));
    try {
      return await op();
    } catch (err) {
      last = err;
    }
  }
  throw new AppError("filing_failed", "消息暂时没能存档。", {}, { cause: last });
}
