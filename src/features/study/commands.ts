import { usage } from "../../core/errors.ts";
import { CHECKIN_USAGE, parseCheckin } from "../../domain/checkin.ts";
import { weekOf } from "../../domain/study-week.ts";
import type { Command } from "../router.ts";
import { checkinsSince, recordCheckin } from "./service.ts";

export const checkin: Command = {
  names: ["打卡", "checkin", "study"],
  summary: "学习打卡（可写平台、内容、时长）",
  usage: CHECKIN_USAGE,
  minRole: "guest",
  async run(ctx, rest) {
    const parsed = parseCheckin(rest);
    if (!parsed.ok) throw usage(parsed.error, CHECKIN_USAGE);
    const { filed } = ctx;
    const c = parsed.value;
    const at = ctx.message.sentAt;
    const fresh = await recordCheckin(ctx.services.db.sql, {
      ...c,
      memberId: filed.member.id,
      candidateId: filed.member.candidateId,
      groupId: filed.group?.id ?? null,
      messageId: filed.messageId,
      at,
    });
    if (!fresh) return; // a redelivered /打卡 was answered the first time
    const thisWeek = await checkinsSince(ctx.services.db.prisma, { memberId: filed.member.id, candidateId: filed.member.candidateId }, weekOf(at).start);
    const what = [c.platform !== "其他" ? c.platform : null, c.content, c.minutes ? `${c.minutes}分钟` : null].filter(Boolean).join("，");
    const unbound = filed.member.candidateId === null ? "\n您还没有绑定档案，绑定后打卡会计入档案（发送 /绑定 绑定码）。" : "";
    await ctx.reply({
      text: `打卡成功${what ? `：${what}` : ""}。这是您本周第${thisWeek}次学习打卡，继续加油！${unbound}`,
      mentions: filed.group ? [ctx.message.sender] : [],
    });
  },
};
