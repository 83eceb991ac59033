// The cadres' review list: the model's answers it was not sure of (confidence under
// LLM_REVIEW_BELOW) wait here instead of changing the file. A cadre takes one (the
// model's verdict is applied as if it had been sure) or dismisses it (the recogniser's
// verdict stays).
import { notFound, usage } from "../../core/errors.ts";
import type { Prisma } from "../../db/database.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import { itemNumber, tokens } from "../../domain/command-parser.ts";
import { REMARK_KIND, TOPIC } from "../../domain/glossary.ts";
import { excerpt } from "../../domain/text.ts";
import { asRecognition, ModelAnswer } from "../../llm/openai-classifier.ts";
import { audit } from "../audit.ts";
import { cadreArea } from "../context.ts";
import type { Command } from "../router.ts";
import { applyVerdict } from "./model-verdict.ts";

const inArea = (area: AreaRef) => ({
  OR: [{ candidate: { village: underArea(area) } }, { candidateId: null, group: { area: underArea(area) } }],
});

/** Doubtful answers about messages inside `area`, oldest first. */
export async function reviewList(prisma: Prisma, area: AreaRef, take = 10, skip = 0) {
  const where = { status: "review" as const, message: inArea(area) };
  const [rows, total] = await Promise.all([
    prisma.classificationTask.findMany({
      where,
      orderBy: { messageId: "asc" },
      take,
      skip,
      include: { message: { select: { id: true, text: true, sentAt: true, remarkKind: true, candidate: { select: { name: true } }, member: { select: { displayName: true } } } } },
    }),
    prisma.classificationTask.count({ where }),
  ]);
  return { total, items: rows.map((r) => ({ ...r, answer: ModelAnswer.safeParse(r.result).data ?? null })) };
}

const USAGE = "/待审 查看；/待审 采纳 消息号；/待审 忽略 消息号";

export const review: Command = {
  names: ["待审", "review"],
  summary: "模型拿不准的识别结果，由您采纳或忽略（村干部）",
  usage: USAGE,
  minRole: "village_cadre",
  async run(ctx, rest) {
    const area = cadreArea(ctx.filed);
    const { db } = ctx.services;
    const [verb, num] = tokens(rest);
    if (!verb) {
      const { items, total } = await reviewList(db.prisma, area);
      if (!total) return void (await ctx.reply("目前没有待审的识别结果。"));
      const lines = items.map((r) => {
        const a = r.answer;
        const guess = a ? `${a.kind === "none" ? "闲聊" : REMARK_KIND[a.kind]}·${TOPIC[a.topic]}，把握${Math.round(a.confidence * 100)}%` : "无";
        return `消息${r.messageId} ${r.message.candidate?.name ?? r.message.member.displayName}：${excerpt(r.message.text)}（模型：${guess}）`;
      });
      await ctx.reply([`【待审识别结果】共 ${total} 条`, ...lines, USAGE].join("\n"));
      return;
    }
    const take = /^(采纳|通过|accept)$/i.test(verb);
    if (!take && !/^(忽略|驳回|dismiss)$/i.test(verb)) throw usage(`看不懂“${verb}”。`, USAGE);
    const id = itemNumber(num);
    if (id === undefined) throw usage("请写消息号，如：/待审 采纳 123。", USAGE);
    const [row] = (await db.prisma.classificationTask.findMany({ where: { messageId: id, status: "review", message: inArea(area) }, take: 1 }));
    if (!row) throw notFound(`没有待审的消息${id}，或不在您负责的范围内。`);
    const answer = ModelAnswer.safeParse(row.result).data;
    if (take && answer) {
      await applyVerdict(db)({ messageId: id, recognition: asRecognition(answer), by: row.producedBy ?? "llm", answer, at: ctx.now() });
    }
    await db.prisma.classificationTask.update({ where: { messageId: id }, data: { status: take ? "done" : "fallback" } });
    await audit(db.prisma, { actorId: ctx.filed.actor.memberId, action: take ? "classification.accept" : "classification.dismiss", outcome: "ok", entity: "ArchivedMessage", entityId: id });
    await ctx.reply(take ? `已采纳消息${id}的识别结果。` : `已忽略消息${id}的识别结果，保留原来的判断。`);
  },
};
