// 操作日志: county administrators see who did what and when — every write and every
// refusal — filtered by action, outcome, member and date.
import { z } from "zod";
import { parse } from "../../../core/validate.ts";
import { html, pager, when } from "../html.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRoute } from "../router.ts";

const PAGE_SIZE = 50;
const blank = (v: unknown) => (v === "" ? undefined : v);
const AuditQuery = z.object({
  action: z.preprocess(blank, z.string().max(60).optional()),
  outcome: z.preprocess(blank, z.enum(["ok", "denied"]).optional()),
  member: z.preprocess(blank, z.string().max(30).optional()),
  from: z.preprocess(blank, z.iso.date({ error: "日期应写成 2026-11-30" }).optional()),
  to: z.preprocess(blank, z.iso.date({ error: "日期应写成 2026-11-30" }).optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** Midnight in Beijing of a "YYYY-MM-DD" day. */
const beijingDay = (d: string) => new Date(`${d}T00:00:00+08:00`);

export const auditPage: PageRoute = {
  method: "get",
  path: "/audit",
  minRole: "county_admin",
  async handle(p) {
    const q = parse(AuditQuery, p.query);
    const prisma = p.services.db.prisma;
    const members = q.member ? await prisma.chatMember.findMany({ where: { displayName: { contains: q.member } }, select: { id: true }, take: 100 }) : null;
    const where = {
      ...(q.action ? { action: { startsWith: q.action } } : {}),
      ...(q.outcome ? { outcome: q.outcome } : {}),
      ...(members ? { actorId: { in: members.map((m) => m.id) } } : {}),
      ...(q.from || q.to ? { at: { ...(q.from ? { gte: beijingDay(q.from) } : {}), ...(q.to ? { lt: new Date(beijingDay(q.to).getTime() + 86_400_000) } : {}) } } : {}),
    };
    const [rows, total] = await Promise.all([
      prisma.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (q.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
      prisma.auditLog.count({ where, take: 10_001 }),
    ]);
    const actors = await prisma.chatMember.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))] } }, select: { id: true, displayName: true } });
    const name = new Map(actors.map((a) => [a.id, a.displayName]));
    const params = { action: q.action, outcome: q.outcome, member: q.member, from: q.from, to: q.to };
    const body = html`
<form class="filters card" method="get" action="${BASE}/audit">
  <label>操作 <input name="action" value="${q.action ?? ""}" placeholder="如 candidate.edit、web.sign-in" maxlength="60"></label>
  <label>结果 <select name="outcome"><option value="">全部</option><option value="ok"${q.outcome === "ok" ? html` selected` : ""}>成功</option><option value="denied"${q.outcome === "denied" ? html` selected` : ""}>被拒绝</option></select></label>
  <label>成员 <input name="member" value="${q.member ?? ""}" maxlength="30"></label>
  <label>从 <input type="date" name="from" value="${q.from ?? ""}"></label>
  <label>到 <input type="date" name="to" value="${q.to ?? ""}"></label>
  <button type="submit">筛选</button>
</form>
<div class="table-wrap"><table class="responsive" id="audit">
<thead><tr><th>时间</th><th>成员</th><th>操作</th><th>结果</th><th>对象</th><th>详情</th></tr></thead>
<tbody>${rows.map(
      (r) => html`<tr>
  <td data-label="时间">${when(r.at)}</td>
  <td data-label="成员">${r.actorId ? (name.get(r.actorId) ?? `#${r.actorId}`) : "系统/接口"}</td>
  <td data-label="操作">${r.action}</td>
  <td data-label="结果">${r.outcome === "ok" ? "成功" : html`<span class="status-error">被拒绝</span>`}</td>
  <td data-label="对象">${r.entity ? `${r.entity} ${r.entityId ?? ""}` : ""}</td>
  <td data-label="详情"><code>${r.detail ? JSON.stringify(r.detail).slice(0, 300) : ""}</code></td>
</tr>`,
    )}</tbody></table></div>
${pager(`${BASE}/audit`, params, q.page, PAGE_SIZE, Math.min(total, 10_000), total > 10_000)}`;
    return layout("操作日志", p.session, body, { active: "audit" });
  },
};
