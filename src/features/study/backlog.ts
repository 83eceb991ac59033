import type { Middleware } from "../../core/composer.ts";
import { parseCommand } from "../../domain/command-parser.ts";
import { parseCheckin } from "../../domain/checkin.ts";
import type { AppContext, FiledContext } from "../context.ts";
import { checkin } from "./commands.ts";
import { recordCheckin } from "./service.ts";

/**
 * Messages replayed after a re-login are filed and never answered (answers hours late
 * would confuse the group), but a /打卡 sent while the bot was away is recorded,
 * silently, so the study counts.
 */
export function replayedCheckins(): Middleware<AppContext> {
  return async (ctx) => {
    if (!ctx.filed || ctx.message.kind !== "text") return;
    const cmd = parseCommand(ctx.message.text, checkin.names);
    if (!cmd || !checkin.names.includes(cmd.name)) return;
    const parsed = parseCheckin(cmd.rest);
    if (!parsed.ok) return;
    const { filed } = ctx as FiledContext;
    await recordCheckin(ctx.services.db.sql, {
      ...parsed.value,
      memberId: filed.member.id,
      candidateId: filed.member.candidateId,
      groupId: filed.group?.id ?? null,
      messageId: filed.messageId,
      at: ctx.message.sentAt,
    });
  };
}
