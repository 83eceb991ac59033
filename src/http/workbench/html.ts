// HTML built from templates that escape every value: a reserve named
// `<img src=x onerror=alert(1)>` shows as text. Only an Html value (another template) is
// inserted as is.
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(render).join("");
  if (v === null || v === undefined || v === false) return "";
  return esc(String(v));
}

/** `html\`<td>${name}</td>\`` — values escaped, nested templates and arrays of them kept. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Html(out);
}

/** `?a=1&b=2` from the given values, leaving out empty ones. */
export function query(values: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}

const DATE_TIME = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false });
const DATE = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });

/** Beijing time, "2026/11/30 18:05". */
export const when = (d: Date | null | undefined) => (d ? DATE_TIME.format(d) : "");
export const day = (d: Date | null | undefined) => (d ? DATE.format(d) : "");

/** `<option>`s for a select, the current value selected. */
export function options(table: Record<string, string>, current: string | undefined, blank?: string): Html {
  return html`${blank !== undefined ? html`<option value="">${blank}</option>` : ""}${Object.entries(table).map(
    ([code, label]) => html`<option value="${code}"${current === code ? html` selected` : ""}>${label}</option>`,
  )}`;
}

/** Previous / next links for a paged list. */
export function pager(base: string, params: Record<string, string | number | undefined>, page: number, pageSize: number, total: number, capped = false): Html {
  const last = Math.max(1, Math.ceil(total / pageSize));
  return html`<nav class="pager">
    ${page > 1 ? html`<a href="${base}${query({ ...params, page: page - 1 })}">上一页</a>` : ""}
    <span>第 ${page} / ${last}${capped ? "+" : ""} 页，共 ${total}${capped ? "+" : ""} 条</span>
    ${page < last ? html`<a href="${base}${query({ ...params, page: page + 1 })}">下一页</a>` : ""}
  </nav>`;
}
