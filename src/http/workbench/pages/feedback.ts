// 意见台账: the feedback ledger of the cadre's area — filter, answer (posted to the item's
// group through the outbox, @-mentioning the person, exactly as /回复 does), close, export.
import { randomBytes } from "node:crypto";
import { loadExcelJs } from "../../../features/spreadsheet/exceljs.ts";
import { z } from "zod";
import { AppError, notFound } from "../../../core/errors.ts";
import { parse } from "../../../core/validate.ts";
import { underArea } from "../../../domain/area.ts";
import { FEEDBACK_KIND, FEEDBACK_STATUS, TOPIC } from "../../../domain/glossary.ts";
import { inScope } from "../../../domain/permissions.ts";
import { areaLabels } from "../../../features/areas/service.ts";
import { audit } from "../../../features/audit.ts";
import { answerFeedback, findFeedback, respond } from "../../../features/feedback/service.ts";
import { keys, scopedArea } from "../../../features/paging.ts";
import { frozenHeader, layOutSheet } from "../../../features/spreadsheet/styles.ts";
import { html, options, pager, query, when } from "../html.ts";
import { placeSelect, placesIn } from "./places.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRequest, PageRoute } from "../router.ts";

const PAGE_SIZE = 30;
const AGE = { "3": "3天以上", "7": "7天以上", "30": "30天以上" } as const;
const blank = (v: unknown) => (v === "" ? undefined : v);

const LedgerQuery = z.object({
  status: z.preprocess(blank, z.enum(keys(FEEDBACK_STATUS)).optional()),
  topic: z.preprocess(blank, z.enum(keys(TOPIC)).optional()),
  area: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  olderThan: z.preprocess(blank, z.enum(keys(AGE)).optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  done: z.string().max(100).optional(),
});
type LedgerQuery = z.infer<typeof LedgerQuery>;

async function ledgerWhere(p: PageRequest, q: LedgerQuery) {
  const area = await scopedArea(p.services.db.prisma, p.actor, q.area);
  return {
    area,
    where: {
      area: underArea(area),
      ...(q.status ? { status: q.status } : {}),
      ...(q.topic ? { topic: q.topic } : {}),
      ...(q.olderThan ? { createdAt: { lt: new Date(p.now().getTime() - Number(q.olderThan) * 86_400_000) } } : {}),
    },
  };
}

const include = { area: { select: { path: true, name: true } }, candidate: { select: { id: true, name: true } }, author: { select: { displayName: true } } } as const;

/** The filtered items, newest first, with where each was raised ("青溪县 青山镇 青山村"). */
async function ledgerItems(p: PageRequest, q: LedgerQuery, window: { skip: number; take: number }) {
  const prisma = p.services.db.prisma;
  const { area, where } = await ledgerWhere(p, q);
  const [items, total] = await Promise.all([
    prisma.feedbackItem.findMany({ where, include, orderBy: { id: "desc" }, ...window }),
    prisma.feedbackItem.count({ where, take: 10_001 }),
  ]);
  return { area, items, total, places: await areaLabels(prisma, items.map((f) => f.area)) };
}

const ledgerPage: PageRoute = {
  method: "get",
  path: "/feedback",
  async handle(p) {
    const q = parse(LedgerQuery, p.query);
    const [{ area, items, total, places }, townships] = await Promise.all([
      ledgerItems(p, q, { skip: (q.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
      placesIn(p.services.db.prisma, p.actor.area!),
    ]);
    const params = { status: q.status, topic: q.topic, area: q.area, olderThan: q.olderThan };
    const nonce = randomBytes(9).toString("base64url");
    const body = html`
${q.done ? html`<p class="notice" role="status">${q.done}</p>` : ""}
<form class="filters card" method="get" action="${BASE}/feedback">
  <label>状态 <select name="status">${options(FEEDBACK_STATUS, q.status, "全部")}</select></label>
  <label>主题 <select name="topic">${options(TOPIC, q.topic, "全部")}</select></label>
  ${placeSelect(townships, p.actor.area!, q.area)}
  <label>提出时间 <select name="olderThan">${options(AGE, q.olderThan, "不限")}</select></label>
  <button type="submit">筛选</button>
  <a class="button secondary" href="${BASE}/feedback.xlsx${query(params)}">导出（Excel）</a>
</form>
<p class="muted">${area.name}：${Math.min(total, 10_000)}${total > 10_000 ? "+" : ""} 条</p>
<div class="table-wrap"><table class="responsive" id="ledger">
<thead><tr><th>编号</th><th>提出人</th><th>地区</th><th>类型/主题</th><th>内容</th><th>状态</th><th>答复</th></tr></thead>
<tbody>
${items.map(
  (f, i) => html`<tr data-item="${f.id}">
  <td data-label="编号">#${f.id}<br><span class="muted">${when(f.createdAt)}</span></td>
  <td data-label="提出人">${f.candidate ? html`<a href="${BASE}/people/${f.candidate.id}">${f.candidate.name}</a>` : (f.author?.displayName ?? "匿名")}</td>
  <td data-label="地区">${places[i]}</td>
  <td data-label="类型">${FEEDBACK_KIND[f.kind]} · ${TOPIC[f.topic]}</td>
  <td data-label="内容">${f.text}</td>
  <td data-label="状态">${FEEDBACK_STATUS[f.status]}</td>
  <td data-label="答复">${f.response ?? ""}
  ${
    f.status === "closed"
      ? ""
      : html`<form class="answer" method="post" action="${BASE}/feedback/${f.id}/answer">
      <input type="hidden" name="_csrf" value="${p.session.csrfToken}"><input type="hidden" name="nonce" value="${nonce}-${f.id}">
      <textarea name="text" maxlength="1000" aria-label="答复 #${f.id}" placeholder="答复内容，会发到群里并提醒本人"></textarea>
      <button type="submit" name="act" value="answer">答复</button>
      <button type="submit" name="act" value="close" class="secondary">关闭</button>
    </form>`
  }</td>
</tr>`,
)}
${items.length ? "" : html`<tr><td colspan="7">没有符合条件的意见建议。</td></tr>`}
</tbody></table></div>
${pager(`${BASE}/feedback`, params, q.page, PAGE_SIZE, Math.min(total, 10_000), total > 10_000)}`;
    return layout("意见台账", p.session, body, { active: "feedback" });
  },
};

const AnswerBody = z.object({
  text: z.string().trim().max(1000, "答复不能超过1000字").default(""),
  act: z.enum(["answer", "close"]).default("answer"),
  nonce: z.string().max(40).default(""),
});

const answerPage: PageRoute = {
  method: "post",
  path: "/feedback/:id/answer",
  async handle(p) {
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), p.params);
    const b = parse(AnswerBody, p.body);
    const item = await findFeedback(p.services.db.prisma, id);
    if (!item || !inScope(p.actor, item.area)) throw notFound(`没有编号 #${id} 的意见建议，或不在您的范围内。`);
    if (item.status === "closed") throw new AppError("bad_arguments", `#${id} 已关闭，不能再答复。`);
    const now = p.now();
    let done: string;
    if (b.act === "close") {
      const prisma = p.services.db.prisma;
      await respond(prisma, item.id, { status: "closed", response: b.text || item.response, responderId: p.actor.memberId, at: now });
      await audit(prisma, { actorId: p.actor.memberId, action: "feedback.close", outcome: "ok", entity: "FeedbackItem", entityId: item.id, detail: { via: "workbench" } });
      done = `已关闭 #${id}。`;
    } else {
      if (!b.text) throw new AppError("bad_arguments", "请写上答复内容。");
      const to = await answerFeedback(p.services, item, {
        text: b.text,
        responderId: p.actor.memberId,
        responderName: p.session.displayName,
        // The form's nonce names this act: a resubmitted form queues nothing twice.
        key: `web:${b.nonce || `${p.session.id}:${now.getTime()}`}`,
        at: now,
      });
      done = to ? `已答复 #${id}，答复会${to.isGroup ? "发到群里并提醒" : "私信告诉"}${to.name}。` : `已答复 #${id}。这是匿名建议，答复只记在台账上，不发给任何人。`;
    }
    return { redirect: `${BASE}/feedback?done=${encodeURIComponent(done)}` };
  },
};

const exportLedger: PageRoute = {
  method: "get",
  path: "/feedback.xlsx",
  async handle(p) {
    const q = parse(LedgerQuery, p.query);
    const { area, items, places } = await ledgerItems(p, q, { skip: 0, take: 10_000 });
    const wb = new (await loadExcelJs()).Workbook();
    const ws = wb.addWorksheet("意见台账", { views: frozenHeader(0) });
    layOutSheet(ws, `${area.name}意见建议台账`, [
      { header: "编号", width: 8 }, { header: "提出时间", width: 18 }, { header: "提出人", width: 10 }, { header: "地区", width: 22 },
      { header: "类型", width: 6 }, { header: "主题", width: 10 }, { header: "内容", width: 40 }, { header: "状态", width: 8 },
      { header: "答复", width: 36 }, { header: "答复时间", width: 18 },
    ]);
    items.forEach((f, i) =>
      ws.addRow([f.id, when(f.createdAt), f.candidate?.name ?? f.author?.displayName ?? "匿名", places[i], FEEDBACK_KIND[f.kind], TOPIC[f.topic], f.text, FEEDBACK_STATUS[f.status], f.response ?? "", when(f.respondedAt)]),
    );
    await audit(p.services.db.prisma, { actorId: p.actor.memberId, action: "feedback.export", outcome: "ok", detail: { count: items.length, areaId: area.id } });
    return { download: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${area.name}意见台账.xlsx`, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
  },
};

export const feedbackPages: PageRoute[] = [ledgerPage, answerPage, exportLedger];
