import { usage } from "../../core/errors.ts";
import { normalise, tokens } from "../../domain/command-parser.ts";
import { formatDateTime } from "../../domain/time.ts";
import { audit } from "../audit.ts";
import type { Command } from "../commands.ts";
import { outboxSummary, resumeChannel } from "./outbox.ts";

const REASON = { rate_limited: "微信提示发送过于频繁", logged_out: "微信账号掉线" } as Record<string, string>;

export const outbox: Command = {
  names: ["外发", "outbox"],
  summary: "自动发送的消息队列：查看，或在暂停后恢复（乡镇组织委员及以上）",
  usage: "/外发 ｜ /外发 恢复",
  minRole: "township_organiser",
  async run(ctx, rest) {
    const verb = normalise(tokens(rest)[0] ?? "");
    const { sql, prisma } = ctx.services.db;
    const channel = ctx.message.channel;
    if (verb === "恢复" || verb === "resume") {
      const resumed = await resumeChannel(sql, channel);
      await audit(prisma, { actorId: ctx.filed.member.id, action: "outbox:resume", outcome: "ok", detail: { channel, resumed } });
      await ctx.reply(resumed ? "已恢复自动发送，待发消息会按节奏陆续发出。" : "自动发送没有暂停，无需恢复。");
      return;
    }
    if (verb) throw usage(`没有“${verb}”这个操作。`, this.usage);
    const s = await outboxSummary(sql);
    const c = s.channels.find((x) => x.channel === channel);
    const state = c?.halted
      ? `已暂停（${REASON[c.haltReason ?? ""] ?? c.haltReason}${c.haltedUntil ? `，${formatDateTime(c.haltedUntil)} 自动恢复` : "，重新登录后自动恢复"}）。发送 /外发 恢复 可立即恢复。`
      : "正常发送中。";
    await ctx.reply(`【自动发送】${state}\n待发送 ${s.pending + s.sending} 条，已发送 ${s.sent} 条，失败 ${s.failed} 条${c ? `，今天已发 ${c.sentToday} 条` : ""}。`);
  },
};
