import type { Command } from "../router.ts";
import { CODE_TTL_MS, issueSignInCode } from "./sign-in.ts";

/** `/登录`: a one-time code for the workbench, always sent privately (a code read in a group is anyone's). */
export const signInCode: Command = {
  names: ["登录", "login"],
  summary: "获取工作台登录码，私信发给您（村干部及以上）",
  usage: "/登录",
  minRole: "village_cadre",
  async run(ctx) {
    const { member } = ctx.filed;
    const code = await issueSignInCode(ctx.services.db.prisma, member.id, ctx.now());
    // The demo's simulator shows groups only, not private messages: there the code is also logged.
    if (ctx.services.config.demoData) ctx.log.info("demo: workbench sign-in code", { member: ctx.message.sender.name, code });
    const text = `工作台登录码：${code}，${CODE_TTL_MS / 60_000}分钟内有效，只能用一次。请在工作台登录页（/workbench/login）输入。不要转给别人。`;
    if (!ctx.message.conversation.isGroup) return ctx.reply(text);
    const sent = await ctx.send({ id: ctx.message.sender.id, isGroup: false }, text).then(
      () => true,
      (err) => {
        ctx.log.warn("could not send a sign-in code privately", { err });
        return false;
      },
    );
    await ctx.reply(sent ? `登录码已私信发给${ctx.message.sender.name}。` : `没能私信给${ctx.message.sender.name}（请先加我为好友），请在私聊里发送：/登录`);
  },
};
