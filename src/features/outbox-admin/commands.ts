import { usage } from "../../core/errors.ts";
import { normalise, tokens } from "../../domain/command-parser.ts";
import { channelLabel, HALT_REASON, type HaltReason } from "../../domain/glossary.ts";
import { formatDateTime } from "../../domain/time.ts";
import { audit } from "../audit.ts";
import type { Command } from "../router.ts";
import { excerpt } from "../../domain/text.ts";

/** A stop's reason in Chinese. */
export const haltText = (reason: string | null) => (reason && Object.hasOwn(HALT_REASON, reason) ? HALT_REASON[reason as HaltReason] : (reason ?? "原因不明"));

export const outboxCommand: Command = {
  names: ["外发", "outbox"],
  summary: "自动发送的消息队列：查看，或在暂停后恢复（乡镇组织委员及以上）",
  usage: "/外发 ｜ /外发 恢复",
  minRole: "township_organiser",
  async run(ctx, rest) {
    const verb = normalise(tokens(rest)[0] ?? "");
    const { outbox } = ctx.services;
    // The channel this is said on: a halt is lifted where the cadre sees it is fine again.
    const channel = ctx.message.channel;
    if (verb === "恢复" || verb === "resume") {
      const resumed = await outbox.resume(channel);
      await audit(ctx.services.db.prisma, { actorId: ctx.filed.member.id, action: "outbox:resume", outcome: "ok", detail: { channel, resumed } });
      if (resumed) outbox.wake(channel);
      await ctx.reply(resumed ? "已恢复自动发送，待发消息会按节奏陆续发出。" : "自动发送没有暂停，无需恢复。");
      return;
    }
    if (verb) throw usage(`没有“${excerpt(verb, 10)}”这个操作。`, this.usage);
    const s = await outbox.summary(ctx.now());
    const lines = s.channels.map((c) => {
      const cap = outbox.policy(c.channel)?.dailyCap;
      const state = c.halted
        ? `已暂停（${haltText(c.haltReason)}${c.haltedUntil ? `，${formatDateTime(c.haltedUntil)} 自动恢复` : "，重新登录后自动恢复"}）`
        : "正常发送中";
      return `${channelLabel(c.channel)}：${state}；待发送 ${c.pending} 条，失败 ${c.failed} 条，今天已发 ${c.sentToday}${cap ? `/${cap}` : ""} 条。`;
    });
    const resume = s.channels.some((c) => c.channel === channel && c.halted) ? "\n发送 /外发 恢复 可立即恢复本渠道。" : "";
    await ctx.reply(["【自动发送】", ...(lines.length ? lines : ["还没有自动发送过消息。"])].join("\n") + resume);
  },
};
