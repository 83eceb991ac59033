import type { Middleware } from "../../core/composer.ts";
import { channelLabel } from "../../domain/glossary.ts";
import type { AppContext } from "../context.ts";

/** Ask an unknown member, once, to identify themselves. */
export function askUnknownOnce(): Middleware<AppContext> {
  return async (ctx, next) => {
    const f = ctx.filed;
    if (f && f.member.role === "guest" && !f.member.candidateId && !f.member.askedToIdentifyAt) {
      const now = ctx.now();
      // Claim the question in the database first, so two deliveries cannot both ask.
      const { count } = await ctx.services.db.prisma.chatMember.updateMany({
        where: { id: f.member.id, askedToIdentifyAt: null },
        data: { askedToIdentifyAt: now },
      });
      f.member.askedToIdentifyAt = now;
      if (count === 1) {
        const { sender } = ctx.message;
        await ctx.reply({
          text:
            `${sender.name}，您好！我是${ctx.services.botName}，负责把大家在群里的发言记入个人档案。` +
            `您的${channelLabel(ctx.message.channel)}账号还没有和档案关联：请联系本群的村干部为您绑定，或把村干部给您的绑定码发给我：/绑定 绑定码。发送 /帮助 查看可用命令。`,
          mentions: ctx.message.conversation.isGroup ? [sender] : [],
        });
      }
    }
    await next();
  };
}
