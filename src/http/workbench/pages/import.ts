// 导入导出: upload a township survey, see every row's fate before anything is written,
// then confirm; export the register; download the template. The page's script sends the
// file to the same API machines use (POST /api/candidates/import), with the session's CSRF token.
import { html } from "../html.ts";
import { layout } from "../layout.ts";
import type { PageRoute } from "../router.ts";

export const importPage: PageRoute = {
  method: "get",
  path: "/import",
  async handle({ session, actor }) {
    const body = html`
<section class="card">
<h2>导出名册</h2>
<p>导出${actor.area!.name}的名册（台账）${actor.area!.level === "county" ? "，每个乡镇一张工作表" : ""}。${actor.role === "village_cadre" ? "村干部导出的电话号码只显示前三后四位。" : ""}</p>
<p><a class="button" id="export-link" href="/api/candidates/export.xlsx">导出名册（Excel）</a>
<a class="button secondary" href="/api/candidates/template.xlsx">下载摸底表模板</a></p>
</section>
<section class="card" id="import" data-csrf="${session.csrfToken}">
<h2>导入摸底表</h2>
<p>选择乡镇填好的摸底表（.xlsx）。先预览每一行将会怎样处理，确认后才写入；同一张表再导入一次不会重复登记。</p>
<p><input type="file" id="survey-file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></p>
<div id="import-result" aria-live="polite"></div>
<p class="no-print" id="import-actions" hidden>
  <label><input type="checkbox" id="skip-errors"> 跳过有错误的行，只导入其余各行</label>
  <button type="button" id="confirm-import">确认导入</button>
</p>
</section>`;
    return layout("导入导出", session, body, { active: "import" });
  },
};
