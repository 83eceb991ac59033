// 概览: the cadre's area at a glance — people by township (or village) × stage, the
// category mix, the stage funnel as a chart with its figures beside it, and open feedback.
import { underArea } from "../../../domain/area.ts";
import { CATEGORY, STAGE, type Category, type Stage } from "../../../domain/glossary.ts";
import { groupActivity, weeklyActivity } from "../../../features/workbench/activity.ts";
import { html, type Html } from "../html.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRoute } from "../router.ts";

/** A horizontal bar chart as inline SVG, drawn here (a few rectangles need no chart library). */
function bars(title: string, rows: { label: string; value: number }[]): Html {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = 28;
  return html`<figure><figcaption class="muted">${title}</figcaption><svg class="chart" role="img" aria-label="${title}" viewBox="0 0 420 ${rows.length * h + 8}" xmlns="http://www.w3.org/2000/svg">
${rows.map(
  (r, i) => html`<g transform="translate(0 ${i * h + 4})"><text x="0" y="17" font-size="13">${r.label}</text><rect x="96" y="4" height="18" width="${Math.round((r.value / max) * 270)}" fill="#2f855a"></rect><text x="${100 + Math.round((r.value / max) * 270)}" y="17" font-size="12">${r.value}</text></g>`,
)}</svg></figure>`;
}

const WEEK = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", month: "numeric", day: "numeric" });
const weekLabel = (d: Date) => WEEK.format(d);

export const overviewPage: PageRoute = {
  method: "get",
  path: "/",
  async handle({ actor, services, session, now }) {
    const prisma = services.db.prisma;
    const area = actor.area!;
    // Rows of the table: the townships of a county, the villages of a township, the village itself.
    const childLevel = area.level === "county" ? "township" : "village";
    const [weeks, groups, children, byVillage, byCategory, openFeedback] = await Promise.all([
      weeklyActivity(services.db.sql, area, now()),
      groupActivity(services.db.sql, area, now()),
      prisma.area.findMany({ where: { ...underArea(area), level: childLevel }, orderBy: [{ code: "asc" }, { id: "asc" }], select: { id: true, name: true, path: true } }),
      prisma.candidate.groupBy({ by: ["villageId", "stage"], where: { village: underArea(area) }, _count: { _all: true } }),
      prisma.candidate.groupBy({ by: ["category"], where: { village: underArea(area), stage: { not: "exited" } }, _count: { _all: true } }),
      prisma.feedbackItem.count({ where: { area: underArea(area), status: "open" } }),
    ]);
    const villages = await prisma.area.findMany({ where: { id: { in: [...new Set(byVillage.map((r) => r.villageId))] } }, select: { id: true, path: true } });
    const pathOf = new Map(villages.map((v) => [v.id, v.path]));
    const table = new Map<number, Partial<Record<Stage, number>>>(children.map((c) => [c.id, {}]));
    const stageTotal: Partial<Record<Stage, number>> = {};
    for (const r of byVillage) {
      const child = children.find((c) => pathOf.get(r.villageId)?.startsWith(c.path));
      stageTotal[r.stage] = (stageTotal[r.stage] ?? 0) + r._count._all;
      if (!child) continue;
      const row = table.get(child.id)!;
      row[r.stage] = (row[r.stage] ?? 0) + r._count._all;
    }
    const stages = Object.keys(STAGE) as Stage[];
    const funnel = stages.filter((s) => s !== "exited").map((s) => ({ label: STAGE[s], value: stageTotal[s] ?? 0 }));
    const categories = (Object.keys(CATEGORY) as Category[]).map((c) => ({ label: CATEGORY[c], value: byCategory.find((r) => r.category === c)?._count._all ?? 0 }));
    const total = Object.values(stageTotal).reduce((a, b) => a + b, 0);
    const body = html`
<p>${area.name}共有人选 <strong id="total">${total}</strong> 人；待处理意见建议 <a href="${BASE}/feedback?status=open"><strong>${openFeedback}</strong> 条</a>。</p>
<div class="grid">
<section class="card"><h2>培养阶段</h2>${bars("培养阶段", funnel)}
<table id="funnel"><tbody>${funnel.map((f) => html`<tr><td>${f.label}</td><td class="num">${f.value}</td></tr>`)}</tbody></table></section>
<section class="card"><h2>人选类别（不含已退出）</h2>${bars("人选类别", categories)}
<table id="categories"><tbody>${categories.map((f) => html`<tr><td>${f.label}</td><td class="num">${f.value}</td></tr>`)}</tbody></table></section>
</div>
<section class="card"><h2>近8周</h2>
<div class="grid">${bars("每周新提意见建议", weeks.map((w) => ({ label: `${weekLabel(w.start)}`, value: w.opened })))}
${bars("每周学习打卡", weeks.map((w) => ({ label: `${weekLabel(w.start)}`, value: w.checkins })))}</div>
<div class="table-wrap"><table id="weeks"><thead><tr><th>周（起）</th><th class="num">新提意见建议</th><th class="num">关闭</th><th class="num">学习打卡</th></tr></thead>
<tbody>${weeks.map((w) => html`<tr><td>${weekLabel(w.start)}</td><td class="num">${w.opened}</td><td class="num">${w.closed}</td><td class="num">${w.checkins}</td></tr>`)}</tbody></table></div></section>
${
  groups.length
    ? html`<section class="card"><h2>近7天各联系群发言</h2>${bars("近7天各联系群发言", groups.slice(0, 12).map((g) => ({ label: g.topic.slice(0, 7), value: g.messages })))}
<table id="groups"><tbody>${groups.map((g) => html`<tr><td>${g.topic}</td><td class="num">${g.messages}</td></tr>`)}</tbody></table></section>`
    : ""
}
${
  area.level === "village"
    ? ""
    : html`<section class="card"><h2>${childLevel === "township" ? "各乡镇" : "各村"}人选</h2><div class="table-wrap"><table id="by-place">
<thead><tr><th>${childLevel === "township" ? "乡镇" : "村"}</th>${stages.map((s) => html`<th class="num">${STAGE[s]}</th>`)}<th class="num">合计</th></tr></thead>
<tbody>${children.map((c) => {
        const row = table.get(c.id)!;
        const sum = stages.reduce((a, s) => a + (row[s] ?? 0), 0);
        return html`<tr><td><a href="${BASE}/register?area=${c.id}">${c.name}</a></td>${stages.map((s) => html`<td class="num">${row[s] ?? 0}</td>`)}<td class="num">${sum}</td></tr>`;
      })}</tbody></table></div></section>`
}`;
    return layout("概览", session, body, { active: "overview" });
  },
};
