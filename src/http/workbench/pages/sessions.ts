// 登录会话: county administrators see who is signed in to the workbench and may end a session.
import { z } from "zod";
import { parse } from "../../../core/validate.ts";
import { ROLE } from "../../../domain/glossary.ts";
import { endSession, liveSessions } from "../../../features/workbench/sign-in.ts";
import { html, when } from "../html.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRoute } from "../router.ts";


const listPage: PageRoute = {
  method: "get",
  path: "/sessions",
  minRole: "county_admin",
  async handle(p) {
    const sessions = await liveSessions(p.services.db.prisma, p.now());
    const body = html`<div class="table-wrap"><table class="responsive" id="sessions">
<thead><tr><th>成员</th><th>身份</th><th>登录时间</th><th>最近使用</th><th>地址</th><th></th></tr></thead>
<tbody>${sessions.map(
      (s) => html`<tr>
  <td data-label="成员">${s.member?.displayName ?? `#${s.memberId}`}${s.id === p.session.id ? html` <span class="muted">（本会话）</span>` : ""}</td>
  <td data-label="身份">${s.member ? ROLE[s.member.role] : ""}${s.member?.area ? ` · ${s.member.area.name}` : ""}</td>
  <td data-label="登录时间">${when(s.createdAt)}</td>
  <td data-label="最近使用">${when(s.lastSeenAt)}</td>
  <td data-label="地址">${s.ip ?? ""}</td>
  <td><form method="post" action="${BASE}/sessions/${s.id}/end"><input type="hidden" name="_csrf" value="${p.session.csrfToken}"><button type="submit" class="secondary">注销</button></form></td>
</tr>`,
    )}</tbody></table></div>`;
    return layout("登录会话", p.session, body, { active: "sessions" });
  },
};

const endPage: PageRoute = {
  method: "post",
  path: "/sessions/:id/end",
  minRole: "county_admin",
  async handle(p) {
    const { id } = parse(z.object({ id: z.coerce.number().int().positive() }), p.params);
    await endSession(p.services.db.prisma, id, p.actor.memberId, p.now());
    return { redirect: `${BASE}/sessions` };
  },
};

export const sessionsPages: PageRoute[] = [listPage, endPage];
