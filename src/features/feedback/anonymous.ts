// Anonymous suggestions. The item has no author, no record, no group and no message:
// nothing in chat, pages, exports or the API can lead from it to the sender. The one
// link (AnonymousSender) is read only by a county administrator, for abuse handling,
// through an audited action. The /匿名建议 message itself is taken out of the archive,
// so a person's file shows no message at the time the suggestion came in.
import { forbidden, notFound, usage } from "../../core/errors.ts";
import { itemNumber, tokens } from "../../domain/command-parser.ts";
import { TOPIC } from "../../domain/glossary.ts";
import { topicOf } from "../../domain/classifier-rules.ts";
import { clip } from "../../domain/text.ts";
import { areaOf } from "../context.ts";
import { audit } from "../audit.ts";
import type { Command } from "../router.ts";
import { MAX_FEEDBACK_CHARS } from "./service.ts";

/** What the bot says when it accepts one: exactly what happens to it. */
export const ANONYMOUS_TERMS =
  "不会显示提交人：群聊、页面、导出和接口里都看不到是谁提的，答复也不会发给任何人。提交人与这条建议的对应关系单独保存，只在处理恶意、骚扰内容时，由县委组织部管理员经留痕审批的操作查看。";

export const anonymousIdea: Command = {
  names: ["匿名建议", "anonymous", "anon"],
  summary: "私信机器人匿名提建议，不显示提交人",
  usage: "私信机器人：/匿名建议 内容，例如：/匿名建议 村务公开栏很久没更新了，希望按月公布收支",
  minRole: "guest",
  async run(ctx, rest) {
    const { filed, services } = ctx;
    if (filed.group) throw usage("匿名建议请私信机器人发送，在群里发大家都能看到是谁。", this.usage);
    const text = clip(rest.trim(), MAX_FEEDBACK_CHARS, "");
    if (!text) throw usage("请在命令后写上建议内容。", this.usage);
    const area = areaOf(filed);
    if (!area) throw usage("请先绑定档案（发送 /绑定 绑定码），这样才知道该转给哪里的同志；建议仍然匿名。", this.usage);
    const key = `${ctx.message.channel}:${ctx.message.id}`;
    const topic = (await services.classifier.classify(text))?.topic ?? topicOf(text);
    const id = await services.db.transaction(async ({ prisma }) => {
      // A redelivered /匿名建议 files nothing new (its key is kept with the link).
      const again = await prisma.anonymousSender.findUnique({ where: { messageKey: key } });
      if (filed.messageId !== null) await prisma.archivedMessage.delete({ where: { id: filed.messageId } });
      if (again) return null;
      const item = await prisma.feedbackItem.create({
        data: { kind: "idea", topic, text, detectedBy: "anonymous", anonymous: true, areaId: area.id, authorId: null, candidateId: null, groupId: null, messageId: null },
      });
      await prisma.anonymousSender.create({ data: { feedbackId: item.id, memberId: filed.member.id, messageKey: key } });
      await audit(prisma, { actorId: null, action: "feedback.create", outcome: "ok", entity: "FeedbackItem", entityId: item.id, detail: { anonymous: true } });
      return item.id;
    });
    if (id === null) return;
    await ctx.reply(`已收到您的匿名建议（#${id}，${TOPIC[topic]}），会转给${area.name}负责的同志。${ANONYMOUS_TERMS}`);
  },
};

/** For abuse handling only: who sent an anonymous suggestion, with the reason on the audit log. */
export const revealSender: Command = {
  names: ["匿名来源", "reveal"],
  summary: "查看匿名建议的提交人，仅用于处理恶意内容，留痕（县委组织部管理员）",
  usage: "/匿名来源 #12 理由，例如：/匿名来源 #12 内容涉嫌辱骂他人，需核实",
  minRole: "county_admin",
  async run(ctx, rest) {
    const [first] = tokens(rest);
    const id = itemNumber(first);
    if (id === undefined) throw usage("请写明编号，如 #12。", this.usage);
    const reason = rest.trim().slice(first!.length).trim();
    if ([...reason].length < 4) throw usage("请写明查看的理由（至少4个字），理由会记入审计日志。", this.usage);
    const sender = await revealAnonymousSender(ctx.services.db.prisma, id, ctx.filed.actor.memberId, reason);
    await ctx.reply(`#${id} 的提交人：${sender.name}（${sender.place}）。本次查看已记入审计日志，理由：${clip(reason, 60)}`);
  },
};

/** The sender of an anonymous item, audited with who asked and why. */
export async function revealAnonymousSender(prisma: import("../../db/database.ts").Db, id: number, actorId: number | null, reason: string) {
  const link = await prisma.anonymousSender.findUnique({ where: { feedbackId: id } });
  if (!link) throw notFound(`#${id} 不是匿名建议。`);
  const member = await prisma.chatMember.findUnique({ where: { id: link.memberId }, include: { candidate: { include: { village: { select: { name: true } } } } } });
  if (!member) throw forbidden("提交人的账号已不存在。");
  await audit(prisma, { actorId, action: "feedback.reveal_sender", outcome: "ok", entity: "FeedbackItem", entityId: id, detail: { reason: clip(reason, 200) } });
  return { memberId: member.id, name: member.candidate?.name ?? member.displayName, place: member.candidate?.village.name ?? "未绑定档案" };
}
