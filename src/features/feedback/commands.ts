import { forbidden, notFound, usage } from "../../core/errors.ts";
import { itemNumber, tokens } from "../../domain/command-parser.ts";
import { FEEDBACK_KIND, TOPIC, type FeedbackKind, type Topic } from "../../domain/glossary.ts";
import { topicOf } from "../../domain/classifier-rules.ts";
import { inScope } from "../../domain/permissions.ts";
import { clip, excerpt } from "../../domain/text.ts";
import { areaOf, cadreArea, type FiledContext } from "../context.ts";
import { areaLabel } from "../areas/service.ts";
import { audit } from "../audit.ts";
import type { Command } from "../router.ts";
import { formatList } from "./format.ts";
import { answerFeedback, createFeedback, findFeedback, listFeedback, MAX_FEEDBACK_CHARS, respond } from "./service.ts";


/** File an item for the sender and confirm it with its number. */
export async function file(ctx: FiledContext, kind: FeedbackKind, topic: Topic, text: string, detectedBy: string) {
  const { filed } = ctx;
  const area = areaOf(filed);
  if (!area) throw usage("请在联系群里发送，或先绑定档案，这样才知道该转给哪里的同志。", "/反馈 内容");
  const item = await createFeedback(ctx.services.db.sql, {
    kind,
    topic,
    text: clip(text, MAX_FEEDBACK_CHARS, ""),
    detectedBy,
    messageId: filed.messageId,
    candidateId: filed.member.candidateId,
    authorId: filed.member.id,
    groupId: filed.group?.id ?? null,
    areaId: area.id,
  }, filed.member.id, ctx.now());
  await ctx.reply({
    text: `已记下您的${FEEDBACK_KIND[kind]}（#${item.id}，${TOPIC[topic]}），会转给${area.name}负责的同志，有答复会${filed.group ? "在群里" : "私信"}告诉您。`,
    mentions: filed.group ? [ctx.message.sender] : [],
  });
}

const explicit = (kind: FeedbackKind, names: string[], summary: string): Command => ({
  names,
  summary,
  usage: `/${names[0]} 内容，例如：/${names[0]} ${kind === "idea" ? "村里可以搞电商直播，把茶叶卖出去" : "村口路灯坏了一个月了"}`,
  minRole: "guest",
  async run(ctx, rest) {
    if (!rest.trim()) throw usage(`请在命令后写上${FEEDBACK_KIND[kind]}内容。`, this.usage);
    await file(ctx, kind, topicOf(rest), rest.trim(), "explicit");
  },
});

export const feedback = explicit("feedback", ["反馈", "意见", "feedback"], "提交意见或反映问题");
export const idea = explicit("idea", ["建议", "idea", "suggest"], "提交建议、点子");

export const openItems: Command = {
  names: ["待办", "意见列表", "open", "list"],
  summary: "本辖区待处理的意见建议（村干部）",
  usage: "/待办",
  minRole: "village_cadre",
  async run(ctx) {
    const area = cadreArea(ctx.filed);
    const { items, total } = await listFeedback(ctx.services.db.prisma, area, { status: "open" }, 10);
    await ctx.reply(formatList(items, total, await areaLabel(ctx.services.db.prisma, area)));
  },
};

async function itemInScope(ctx: FiledContext, rest: string, howTo: string) {
  const [first, ...more] = tokens(rest);
  const id = itemNumber(first);
  if (id === undefined) throw usage("请写明编号，如 #12。", howTo);
  const item = await findFeedback(ctx.services.db.prisma, id);
  if (!item) throw notFound(`没有编号 #${id} 的意见建议。`);
  if (!inScope(ctx.filed.actor, item.area)) throw forbidden(`#${id} 不在您负责的范围内。`);
  return { item, text: rest.trim().slice(first!.length).trim(), more };
}

export const answer: Command = {
  names: ["回复", "答复", "answer", "reply"],
  summary: "答复一条意见建议，答复会发到群里并提醒本人（村干部）",
  usage: "/回复 #12 已联系供电所，本周内修好",
  minRole: "village_cadre",
  async run(ctx, rest) {
    const { item, text } = await itemInScope(ctx, rest, this.usage);
    if (!text) throw usage("请写上答复内容。", this.usage);
    if (item.status === "closed") throw usage(`#${item.id} 已关闭，不能再答复。`, this.usage);
    const { services, message } = ctx;
    const to = await answerFeedback(services, item, {
      text,
      responderId: ctx.filed.member.id,
      responderName: message.sender.name,
      key: `${message.channel}:${message.id}`,
      at: ctx.now(),
    });
    if (!to) {
      await ctx.reply(`已记下对匿名建议 #${item.id} 的答复。匿名建议的答复不发给任何人。`);
      return;
    }
    // The answer goes through the outbox, where the item was raised: if WeChat refuses
    // it now it is retried, never lost. In that same group it shows up by itself.
    const halted = await services.outbox.halted(to.channel);
    const sameConversation = to.channel === message.channel && to.conversation === message.conversation.id;
    if (halted) await ctx.reply(`已记下对 #${item.id} 的答复。自动发送暂停中，恢复后会发给${to.name}。`);
    else if (!sameConversation) await ctx.reply(`已答复 #${item.id}，答复会${to.isGroup ? "发到群里并提醒" : "私信告诉"}${to.name}。`);
  },
};

export const close: Command = {
  names: ["关闭", "close"],
  summary: "关闭一条意见建议（村干部）",
  usage: "/关闭 #12 已解决",
  minRole: "village_cadre",
  async run(ctx, rest) {
    const { item, text } = await itemInScope(ctx, rest, this.usage);
    if (item.status === "closed") throw usage(`#${item.id} 已经关闭了。`, this.usage);
    const prisma = ctx.services.db.prisma;
    await respond(prisma, item.id, { status: "closed", response: text || item.response, responderId: ctx.filed.member.id, at: ctx.now() });
    await audit(prisma, { actorId: ctx.filed.actor.memberId, action: "feedback.close", outcome: "ok", entity: "FeedbackItem", entityId: item.id });
    await ctx.reply(`已关闭 #${item.id}${text ? `：${excerpt(text)}` : ""}。`);
  },
};
