// 提醒与外发: the reminders reaching the cadre's area — pause, resume, delete, as `/提醒`
// does — and the outbox per channel with its stop, resumed by township organisers and up.
import { z } from "zod";
import { AppError, notFound } from "../../../core/errors.ts";
import { parse } from "../../../core/validate.ts";
import { channelLabel, REMINDER_KIND, SCHEDULE_STATUS } from "../../../domain/glossary.ts";
import { haltText } from "../../../features/outbox-admin/commands.ts";
import { atLeast, inScope } from "../../../domain/permissions.ts";
import { audit } from "../../../features/audit.ts";
import { findSchedule, listSchedules, scheduleArea, setScheduleStatus } from "../../../features/reminders/service.ts";
import { html, when } from "../html.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRoute } from "../router.ts";

const ACTIONS = { pause: ["paused", "暂停"], resume: ["active", "恢复"], delete: ["deleted", "删除"] } as const;

const listPage: PageRoute = {
  method: "get",
  path: "/reminders",
  async handle(p) {
    const done = typeof p.query.done === "string" ? p.query.done.slice(0, 200) : null;
    const schedules = await listSchedules(p.services.db.prisma, { area: p.actor.area! });
    const organiser = atLeast(p.actor.role, "township_organiser");
    const outbox = organiser ? await p.services.outbox.summary(p.now()) : null;
    const csrf = html`<input type="hidden" name="_csrf" value="${p.session.csrfToken}">`;
    const button = (id: number, action: keyof typeof ACTIONS) =>
      html`<form method="post" action="${BASE}/reminders/${id}/${action}" style="display:inline">${csrf}<button type="submit" class="secondary">${ACTIONS[action][1]}</button></form>`;
    const body = html`
${done ? html`<p class="notice" role="status">${done}</p>` : ""}
<section class="card"><h2>学习提醒</h2>
<div class="table-wrap"><table class="responsive" id="reminders">
<thead><tr><th>编号</th><th>类型</th><th>发给</th><th>时间</th><th>主题</th><th>状态</th><th>下次</th><th></th></tr></thead>
<tbody>${schedules.map(
      (s) => html`<tr data-schedule="${s.id}">
  <td data-label="编号">#${s.id}</td><td data-label="类型">${REMINDER_KIND[s.kind]}</td>
  <td data-label="发给">${s.group?.topic ?? `${s.area?.name ?? ""}的各联系群`}</td>
  <td data-label="时间">${s.timeLabel}</td><td data-label="主题">${s.topic ?? ""}</td>
  <td data-label="状态">${SCHEDULE_STATUS[s.status]}</td><td data-label="下次">${when(s.nextFiringAt)}</td>
  <td>${s.status === "active" ? button(s.id, "pause") : s.status === "paused" ? button(s.id, "resume") : ""} ${button(s.id, "delete")}</td>
</tr>`,
    )}</tbody></table></div>
${schedules.length ? "" : html`<p class="muted">还没有提醒。在联系群里发送 /提醒 新增 在线学习 每天 20:00 可以新增。</p>`}
</section>
${
  outbox
    ? html`<section class="card"><h2>自动发送</h2><ul id="outbox">${outbox.channels.map(
        (c) => html`<li>${channelLabel(c.channel)}：${
          c.halted
            ? html`<span class="status-error">已暂停（${haltText(c.haltReason)}${c.haltedUntil ? `，${when(c.haltedUntil)} 自动恢复` : ""}）</span>
              <form method="post" action="${BASE}/outbox/${encodeURIComponent(c.channel)}/resume" style="display:inline">${csrf}<button type="submit">立即恢复</button></form>`
            : "正常发送中"
        }；待发送 ${c.pending} 条，失败 ${c.failed} 条，今天已发 ${c.sentToday} 条。</li>`,
      )}</ul>${outbox.channels.length ? "" : html`<p class="muted">还没有自动发送过消息。</p>`}</section>`
    : ""
}`;
    return layout("提醒与外发", p.session, body, { active: "reminders" });
  },
};

const changePage: PageRoute = {
  method: "post",
  path: "/reminders/:id/:action",
  async handle(p) {
    const { id, action } = parse(z.object({ id: z.coerce.number().int().positive(), action: z.enum(["pause", "resume", "delete"]) }), p.params);
    const prisma = p.services.db.prisma;
    const s = await findSchedule(prisma, id);
    if (!s || !inScope(p.actor, scheduleArea(s))) throw notFound(`没有编号 #${id} 的提醒，或不在您的范围内。`);
    const [to, word] = ACTIONS[action];
    if (to === "active" && s.status === "finished") throw new AppError("bad_arguments", `提醒 #${id} 已经结束，请新增一个。`);
    await setScheduleStatus(prisma, s, to, p.now());
    await audit(prisma, { actorId: p.actor.memberId, action: `schedule:${to}`, outcome: "ok", entity: "Schedule", entityId: String(id), detail: { via: "workbench" } });
    return { redirect: `${BASE}/reminders?done=${encodeURIComponent(`已${word}提醒 #${id}。${to === "active" ? "暂停期间错过的不补发。" : ""}`)}` };
  },
};

const resumeOutbox: PageRoute = {
  method: "post",
  path: "/outbox/:channel/resume",
  minRole: "township_organiser",
  async handle(p) {
    const { channel } = parse(z.object({ channel: z.string().min(1).max(40) }), p.params);
    const { outbox } = p.services;
    const resumed = await outbox.resume(channel);
    await audit(p.services.db.prisma, { actorId: p.actor.memberId, action: "outbox:resume", outcome: "ok", detail: { channel, resumed, via: "workbench" } });
    if (resumed) outbox.wake(channel);
    return { redirect: `${BASE}/reminders?done=${encodeURIComponent(resumed ? "已恢复自动发送，待发消息会按节奏陆续发出。" : "自动发送没有暂停，无需恢复。")}` };
  },
};

export const reminderPages: PageRoute[] = [listPage, changePage, resumeOutbox];
