// 苗圃工作台: the little the pages need from a script. Everything shown is set as text.
"use strict";

document.addEventListener("click", (e) => {
  if (e.target instanceof HTMLElement && e.target.matches("[data-print]")) window.print();
});

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** POST a workbook to our API with the session's CSRF token; the answer's JSON and whether it was ok. */
async function postXlsx(url, file, csrf) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": XLSX, "x-csrf-token": csrf }, body: file, credentials: "same-origin" });
  const body = await res.json().catch(() => ({ error: "服务器没有返回结果" }));
  return { ok: res.ok, body };
}

const el = (tag, text, cls) => {
  const n = document.createElement(tag);
  if (text !== undefined) n.textContent = text;
  if (cls) n.className = cls;
  return n;
};

const section = document.getElementById("import");
if (section) setUpImport(section);
const setup = document.getElementById("setup");
if (setup) setUpCountyList(setup);

function setUpCountyList(section) {
  const input = document.getElementById("place-file");
  const result = document.getElementById("setup-result");
  const actions = document.getElementById("setup-actions");
  const url = (dryRun) => `/api/areas/setup?code=${section.dataset.code}&dryRun=${dryRun}`;
  let file = null;
  function show(body) {
    result.replaceChildren();
    if (body.error) result.append(el("p", body.error, "error"));
    if (body.applied) result.append(el("p", `已设置：新建${body.applied.created}个地区，为${body.applied.coded}个已有地区补上代码，${body.applied.unchanged}个未变。`, "notice"));
    else if (!body.error) result.append(el("p", `预览：${body.townships}个乡镇，${body.villages}个村（社区）。尚未写入。`, "muted"));
    const list = el("ul");
    for (const e of body.errors || []) list.append(el("li", e, "status-error"));
    for (const n of body.notes || []) list.append(el("li", n));
    result.append(list);
    actions.hidden = Boolean(body.applied || body.error || (body.errors && body.errors.length));
  }
  input.addEventListener("change", async () => {
    file = input.files && input.files[0];
    if (file) show((await postXlsx(url(true), file, section.dataset.csrf)).body);
  });
  document.getElementById("confirm-setup").addEventListener("click", async () => {
    if (file) show((await postXlsx(url(false), file, section.dataset.csrf)).body);
  });
}

function setUpImport(section) {
  const input = document.getElementById("survey-file");
  const result = document.getElementById("import-result");
  const actions = document.getElementById("import-actions");
  const skip = document.getElementById("skip-errors");
  const confirmButton = document.getElementById("confirm-import");
  const STATUS = { create: "新建", update: "更新", skip: "无变化", error: "错误" };
  let file = null;

  function send(dryRun) {
    const params = new URLSearchParams({ dryRun: String(dryRun) });
    if (!dryRun && skip.checked) params.set("skipErrors", "true");
    return postXlsx(`/api/candidates/import?${params}`, file, section.dataset.csrf);
  }

  function show(body) {
    result.replaceChildren();
    if (body.error) {
      result.append(el("p", body.error, "error"));
      return;
    }
    const c = body.counts;
    const summary = body.committed
      ? `已导入：新建 ${body.created} 人，更新 ${body.updated} 人${c.error ? `，跳过有错误的 ${c.error} 行` : ""}。`
      : `预览：新建 ${c.create} 人，更新 ${c.update} 人，无变化 ${c.skip} 人，错误 ${c.error} 行。尚未写入。`;
    result.append(el("p", summary, body.committed ? "notice" : "muted"));
    for (const p of body.problems || []) result.append(el("p", p, "error"));
    const wrap = el("div", undefined, "table-wrap");
    const table = el("table", undefined, "responsive");
    table.id = "import-preview";
    const head = el("tr");
    for (const h of ["行号", "姓名", "村", "处理", "说明"]) head.append(el("th", h));
    const thead = el("thead");
    thead.append(head);
    table.append(thead);
    const tbody = el("tbody");
    for (const r of body.rows) {
      const tr = el("tr");
      tr.dataset.row = String(r.row);
      tr.dataset.status = r.status;
      const notes = [
        ...r.errors,
        ...r.warnings,
        ...r.changes.map((x) => x.text),
        ...r.notes,
      ];
      const cells = [String(r.row), r.name || "", r.village || "", STATUS[r.status], notes.join("；")];
      const labels = ["行号", "姓名", "村", "处理", "说明"];
      cells.forEach((t, i) => {
        const td = el("td", t, i === 3 ? `status-${r.status}` : undefined);
        td.dataset.label = labels[i];
        tr.append(td);
      });
      tbody.append(tr);
    }
    table.append(tbody);
    wrap.append(table);
    result.append(wrap);
    actions.hidden = body.committed || c.create + c.update === 0;
  }

  input.addEventListener("change", async () => {
    file = input.files && input.files[0];
    if (!file) return;
    result.replaceChildren(el("p", "正在检查……", "muted"));
    actions.hidden = true;
    show((await send(true)).body);
  });

  confirmButton.addEventListener("click", async () => {
    if (!file) return;
    confirmButton.disabled = true;
    try {
      show((await send(false)).body);
    } finally {
      confirmButton.disabled = false;
    }
  });
}
