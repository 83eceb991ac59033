// 名册 (一乡一册): the people in the cadre's area, searched, filtered, sorted and paged.
import { z } from "zod";
import { parse } from "../../../core/validate.ts";
import { CATEGORY, SOURCE, STAGE } from "../../../domain/glossary.ts";
import { maskPhone } from "../../../domain/phone.ts";
import { keys, scopedArea } from "../../../features/paging.ts";
import { registerPage as queryRegister } from "../../../features/register/register-query.ts";
import { html, options, pager, query } from "../html.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRoute } from "../router.ts";
import { placeSelect, placesIn } from "./places.ts";

const PAGE_SIZE = 50;
const SORT = { village: "按村", name: "按姓名", stage: "按阶段", newest: "最新登记" } as const;
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

export const RegisterQuery = z.object({
  q: z.string().max(20).optional(),
  stage: z.preprocess(blankToUndefined, z.enum(keys(STAGE)).optional()),
  category: z.preprocess(blankToUndefined, z.enum(keys(CATEGORY)).optional()),
  source: z.preprocess(blankToUndefined, z.enum(keys(SOURCE)).optional()),
  area: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()),
  sort: z.preprocess(blankToUndefined, z.enum(keys(SORT)).optional()),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const registerPage: PageRoute = {
  method: "get",
  path: "/register",
  async handle({ actor, query: raw, services, session }) {
    const q = parse(RegisterQuery, raw);
    const prisma = services.db.prisma;
    const area = await scopedArea(prisma, actor, q.area);
    const own = actor.area!;
    const [{ rows, total }, places] = await Promise.all([
      queryRegister(prisma, area, q, { skip: (q.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
      placesIn(prisma, own),
    ]);
    const params = { q: q.q, stage: q.stage, category: q.category, source: q.source, area: q.area, sort: q.sort };
    const body = html`
<form class="filters card" method="get" action="${BASE}/register" role="search">
  <label>搜索 <input name="q" value="${q.q ?? ""}" placeholder="姓名、手机尾号、村名" maxlength="20"></label>
  ${placeSelect(places, own, q.area)}
  <label>阶段 <select name="stage">${options(STAGE, q.stage, "全部")}</select></label>
  <label>类别 <select name="category">${options(CATEGORY, q.category, "全部")}</select></label>
  <label>来源 <select name="source">${options(SOURCE, q.source, "全部")}</select></label>
  <label>排序 <select name="sort">${options(SORT, q.sort)}</select></label>
  <button type="submit">查询</button>
  <a class="button secondary" href="/api/candidates/export.xlsx${query({ area: q.area })}">导出名册（Excel）</a>
</form>
<p class="muted">${area.name}：共 ${Math.min(total, 10_000)}${total > 10_000 ? "+" : ""} 人</p>
<div class="table-wrap"><table class="responsive" id="register">
<thead><tr><th>姓名</th><th>乡镇</th><th>村</th><th>性别</th><th>出生</th><th>类别</th><th>来源</th><th>阶段</th><th>电话</th></tr></thead>
<tbody>
${rows.map(
  (c) => html`<tr>
  <td data-label="姓名"><a href="${BASE}/people/${c.id}">${c.name}</a></td>
  <td data-label="乡镇">${c.village.parent?.name ?? ""}</td>
  <td data-label="村">${c.village.name}</td>
  <td data-label="性别">${c.gender === "male" ? "男" : c.gender === "female" ? "女" : ""}</td>
  <td data-label="出生">${c.birthYear ?? ""}${c.birthMonth ? `.${String(c.birthMonth).padStart(2, "0")}` : ""}</td>
  <td data-label="类别">${CATEGORY[c.category]}</td>
  <td data-label="来源">${SOURCE[c.source]}</td>
  <td data-label="阶段">${STAGE[c.stage]}</td>
  <td data-label="电话">${maskPhone(c.phone)}</td>
</tr>`,
)}
${rows.length ? "" : html`<tr><td colspan="9">没有符合条件的人选。</td></tr>`}
</tbody></table></div>
${pager(`${BASE}/register`, params, q.page, PAGE_SIZE, Math.min(total, 10_000), total > 10_000)}`;
    return layout("名册", session, body, { active: "register" });
  },
};
