// 设置地区: a county administrator sets up the county's whole tree in one step from the
// national division codes, optionally with the county's own 乡镇/村 list laid over them.
import { z } from "zod";
import { parse } from "../../../core/validate.ts";
import { searchCounties } from "../../../features/areas/divisions.ts";
import { setUpCounty } from "../../../features/areas/setup.ts";
import { html } from "../html.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRoute } from "../router.ts";

const SetupQuery = z.object({
  q: z.string().max(30).optional(),
  code: z.string().regex(/^\d{6}$/, "应为6位县级代码").optional(),
  done: z.string().max(200).optional(),
});


const showPage: PageRoute = {
  method: "get",
  path: "/setup",
  minRole: "county_admin",
  async handle(p) {
    const q = parse(SetupQuery, p.query);
    const found = q.q ? (await searchCounties(q.q)).slice(0, 20) : [];
    const preview = q.code ? await setUpCounty(p.services.db.prisma, p.actor, q.code, null, false) : null;
    const body = html`
${q.done ? html`<p class="notice" role="status">${q.done}</p>` : ""}
<form class="filters card" method="get" action="${BASE}/setup">
  <label>县（区）名称 <input name="q" value="${q.q ?? ""}" placeholder="如：淳安、长阳" maxlength="30"></label>
  <button type="submit">查找</button>
</form>
${
  q.q
    ? html`<section class="card"><h2>查找结果</h2>${found.length ? html`<ul id="counties">${found.map((c) => html`<li><a href="${BASE}/setup?code=${c.code}">${c.label}</a> <span class="muted">代码 ${c.code} · ${c.townshipCount}个乡镇 · ${c.villageCount}个村（社区）</span></li>`)}</ul>` : html`<p>没有找到“${q.q}”。</p>`}</section>`
    : ""
}
${
  preview
    ? html`<section class="card" id="setup" data-code="${q.code}" data-csrf="${p.session.csrfToken}">
<h2>${preview.plan.county.name}（${q.code}）：${preview.townships}个乡镇，${preview.villages}个村（社区）</h2>
<p>已有的乡镇和村按代码或名称对应，不会重复创建；再设置一次不会有任何改动。</p>
<form method="post" action="${BASE}/setup"><input type="hidden" name="_csrf" value="${p.session.csrfToken}"><input type="hidden" name="code" value="${q.code}">
<button type="submit">按国家区划代码设置全县地区</button></form>
<p>如有代码中没有或名称不同的乡镇、村，可上传本县的乡镇/村名单（.xlsx，列：乡镇、村、代码），先预览再设置：
<input type="file" id="place-file" accept=".xlsx"></p>
<div id="setup-result" aria-live="polite"></div>
<p id="setup-actions" hidden><button type="button" id="confirm-setup">按名单设置</button></p>
<div class="table-wrap"><table id="plan"><thead><tr><th>乡镇</th><th>代码</th><th class="num">村（社区）</th></tr></thead>
<tbody>${preview.plan.townships.map((t) => html`<tr><td>${t.name}</td><td>${t.code ?? ""}</td><td class="num">${t.villages.length}</td></tr>`)}</tbody></table></div>
</section>`
    : ""
}`;
    return layout("设置地区", p.session, body, { active: "setup" });
  },
};

const applyPage: PageRoute = {
  method: "post",
  path: "/setup",
  minRole: "county_admin",
  async handle(p) {
    const { code } = parse(z.object({ code: z.string().regex(/^\d{6}$/, "应为6位县级代码") }), p.body);
    const r = await setUpCounty(p.services.db.prisma, p.actor, code, null, true);
    const a = r.applied!;
    const done = `已设置${r.plan.county.name}：新建${a.created}个地区，为${a.coded}个已有地区补上代码，${a.unchanged}个未变。`;
    return { redirect: `${BASE}/setup?done=${encodeURIComponent(done)}` };
  },
};

export const setupPages: PageRoute[] = [showPage, applyPage];
