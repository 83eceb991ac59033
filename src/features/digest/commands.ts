import { forbidden, usage } from "../../core/errors.ts";
import { inScope } from "../../domain/permissions.ts";
import { parsePeriod, PERIOD_EXAMPLES } from "../../domain/digest-period.ts";
import { findAreas, resolveArea } from "../areas/service.ts";
import type { Command } from "../router.ts";
import { cadreArea } from "../context.ts";
import { digestFor } from "./round.ts";

const USAGE = `/周报 [地区] [时间段]，例如：/周报、/周报 青山镇 上周、/周报 青山村 2026-11-01~2026-11-07（时间段可写：${PERIOD_EXAMPLES}）`;

/** A digest on demand, for the asker's area or a place inside it, for any period up to a year. */
export const digestCommand: Command = {
  names: ["周报", "digest"],
  summary: "意见建议周报：建议、待答复求助、升温话题、沉默人员、思想动态（村干部）",
  usage: USAGE,
  minRole: "village_cadre",
  async run(ctx, rest) {
    const { actor } = ctx.filed;
    const prisma = ctx.services.db.prisma;
    // The first word is a place if one has that name; the rest is the period.
    const words = rest.trim().split(/\s+/).filter(Boolean);
    let area = cadreArea(ctx.filed);
    let periodText = rest.trim();
    if (words.length && (await findAreas(prisma, words[0]!)).length) {
      area = await resolveArea(prisma, words[0]!, USAGE);
      periodText = words.slice(1).join(" ");
    }
    if (!inScope(actor, area)) throw forbidden(`${area.name}不在您负责的范围内。`);
    const period = parsePeriod(periodText, ctx.now());
    if (!period.ok) throw usage(period.error, USAGE);
    const { text } = await digestFor(ctx.services, area, period.from, period.to);
    // Names and doubts are for the cadre alone: in a group, the digest goes privately.
    if (ctx.filed.group) {
      await ctx.services.outbox.enqueue(
        [{ key: `digest-ask:${ctx.message.channel}:${ctx.message.id}`, channel: ctx.message.channel, conversation: ctx.message.sender.id, isGroup: false, text, purpose: "reply", priority: 50 }],
        ctx.now(),
      );
      await ctx.reply("周报含个人情况，已私信发给您。");
    } else {
      await ctx.reply(text);
    }
  },
};
