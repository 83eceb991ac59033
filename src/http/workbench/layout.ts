import { ROLE } from "../../domain/glossary.ts";
import { atLeast } from "../../domain/permissions.ts";
import type { Session } from "../../features/workbench/sign-in.ts";
import { html, type Html } from "./html.ts";

export const BASE = "/workbench";

/** Every page: the same head, our own CSS and script (no CDN), a menu for the signed-in cadre. */
export function layout(title: string, session: Session | null, body: Html, opts: { active?: string } = {}): Html {
  const a = session?.actor;
  const link = (href: string, label: string, key: string) => html`<a href="${BASE}${href}"${opts.active === key ? html` aria-current="page"` : ""}>${label}</a>`;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 苗圃工作台</title>
<link rel="stylesheet" href="${BASE}/assets/workbench.css">
<script src="${BASE}/assets/workbench.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" href="${BASE}/">苗圃工作台</a>
  ${
    session && a
      ? html`<nav class="menu">
    ${link("/", "概览", "overview")}
    ${link("/register", "名册", "register")}
    ${link("/pairs", "结对帮带", "pairs")}
    ${link("/cultivation", "培养台账", "ledger")}
    ${link("/review", "季度研判", "review")}
    ${link("/feedback", "意见台账", "feedback")}
    ${link("/import", "导入导出", "import")}
    ${link("/reminders", "提醒与外发", "reminders")}
    ${atLeast(a.role, "county_admin") ? html`${link("/setup", "设置地区", "setup")}${link("/audit", "操作日志", "audit")}${link("/sessions", "登录会话", "sessions")}` : ""}
  </nav>
  <form class="who" method="post" action="${BASE}/logout">
    <span>${session.displayName}（${ROLE[a.role]}${a.area ? html`·${a.area.name}` : ""}）</span>
    <input type="hidden" name="_csrf" value="${session.csrfToken}">
    <button type="submit" class="link">退出</button>
  </form>`
      : ""
  }
</header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}
