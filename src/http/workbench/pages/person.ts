// 一人一档: one person's file — the profile (editable by cadres in scope, each change
// audited with before and after), and the timeline: messages, feedback, check-ins and
// changes to the file. `?print=1` lays it out on one page for a meeting.
import { z } from "zod";
import { AppError, notFound } from "../../../core/errors.ts";
import { parse } from "../../../core/validate.ts";
import { CATEGORY, FEEDBACK_KIND, FEEDBACK_STATUS, GENDER, SOURCE, STAGE, TOPIC } from "../../../domain/glossary.ts";
import { canSeeCandidate, inScope } from "../../../domain/permissions.ts";
import { isMobile } from "../../../domain/phone.ts";
import { maskIdNumber } from "../../../domain/survey/id-number.ts";
import { audit } from "../../../features/audit.ts";
import { keys } from "../../../features/paging.ts";
import { candidateFile, findCandidateById } from "../../../features/candidates/service.ts";
import { html, options, pager, when } from "../html.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRequest, PageRoute } from "../router.ts";

const MESSAGES_PER_PAGE = 50;
const PURPOSE: Record<string, string> = { reminder: "学习提醒", nudge: "学习提醒（个人）", answer: "意见答复", summary: "每周学习小结", digest: "未打卡名单" };
const IdParam = z.object({ id: z.coerce.number().int().positive() });
const FileQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1), print: z.string().optional(), saved: z.string().optional() });

const text = (max: number, what: string) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string().max(max, `${what}不能超过${max}个字`)).transform((s) => s || null);
const optionalInt = (min: number, max: number, what: string) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number({ error: `${what}应为数字` }).int(`${what}应为整数`).min(min, `${what}应在${min}到${max}之间`).max(max, `${what}应在${min}到${max}之间`).nullable());

/** What the file's form may change; blank clears a field (name and the fixed lists cannot be blank). */
export const ProfileEdit = z.object({
  name: z.string().trim().min(1, "姓名不能为空").max(20, "姓名过长"),
  gender: z.preprocess((v) => (v === "" ? null : v), z.enum(keys(GENDER)).nullable()),
  birthYear: optionalInt(1940, 2015, "出生年份"),
  birthMonth: optionalInt(1, 12, "出生月份"),
  phone: text(20, "电话").refine((p) => p === null || isMobile(p), "电话应为11位手机号"),
  education: text(20, "学历"),
  politicalStatus: text(20, "政治面貌"),
  category: z.enum(keys(CATEGORY)),
  source: z.enum(keys(SOURCE)),
  stage: z.enum(keys(STAGE)),
  specialties: text(200, "特长"),
  currentPlace: text(50, "现工作地"),
  notes: text(500, "备注"),
});
type ProfileEdit = z.infer<typeof ProfileEdit>;

const FIELD_LABEL: Record<keyof ProfileEdit, string> = {
  name: "姓名", gender: "性别", birthYear: "出生年份", birthMonth: "出生月份", phone: "电话", education: "学历", politicalStatus: "政治面貌",
  category: "类别", source: "来源", stage: "阶段", specialties: "特长", currentPlace: "现工作地", notes: "备注",
};
const LABELS: Partial<Record<keyof ProfileEdit, Record<string, string>>> = { gender: GENDER, category: CATEGORY, source: SOURCE, stage: STAGE };
/** The saved fields named in the address, as labels: only known field names, so a crafted link cannot put words on the page. */
const savedLabels = (saved: string) => {
  const labels = new Set(Object.values(FIELD_LABEL));
  const named = saved.split("、").filter((l) => labels.has(l));
  return named.length ? `：${named.join("、")}` : "";
};
const shown = (field: string, v: unknown) => (v === null || v === undefined || v === "" ? "（空）" : (LABELS[field as keyof ProfileEdit]?.[String(v)] ?? String(v)));

/** The file, or not found — the same answer for "no such file" and "not yours", so ids outside one's scope reveal nothing. */
async function visibleFile(p: PageRequest) {
  const { id } = parse(IdParam, p.params);
  const candidate = await findCandidateById(p.services.db.prisma, id);
  if (!candidate || !canSeeCandidate(p.actor, { id, villagePath: candidate.village.path })) throw notFound(`没有档案 #${id}，或不在您的范围内。`, { id });
  return candidateFile(p.services.db, candidate, p.services.config.symposium.lateMs);
}

const showPage: PageRoute = {
  method: "get",
  path: "/people/:id",
  async handle(p) {
    const file = await visibleFile(p);
    const q = parse(FileQuery, p.query);
    const c = file.candidate;
    const prisma = p.services.db.prisma;
    const print = q.print !== undefined;
    // Reminders reach groups, not people: those sent to the liaison groups of the person's
    // village and township, and what was sent to their own chat accounts (nudges, answers).
    const lineage = c.village.path.split("/").filter(Boolean).map(Number);
    const receivedBy = async () => {
      const [groups, accounts] = await Promise.all([
        prisma.liaisonGroup.findMany({ where: { areaId: { in: lineage } }, select: { channel: true, externalId: true } }),
        prisma.chatMember.findMany({ where: { candidateId: c.id }, select: { channel: true, externalId: true } }),
      ]);
      return prisma.outboxMessage.findMany({
        where: {
          status: "sent",
          OR: [
            ...groups.map((g) => ({ channel: g.channel, conversation: g.externalId, purpose: "reminder" })),
            ...accounts.map((a) => ({ channel: a.channel, conversation: a.externalId })),
          ],
        },
        orderBy: { sentAt: "desc" },
        take: print ? 5 : 20,
        select: { id: true, purpose: true, text: true, sentAt: true, isGroup: true },
      });
    };
    const [messages, feedback, checkins, changes, received] = await Promise.all([
      prisma.archivedMessage.findMany({
        where: { candidateId: c.id },
        orderBy: [{ sentAt: "desc" }, { id: "desc" }],
        skip: print ? 0 : (q.page - 1) * MESSAGES_PER_PAGE,
        take: print ? 10 : MESSAGES_PER_PAGE,
        include: { group: { select: { topic: true } } },
      }),
      prisma.feedbackItem.findMany({ where: { candidateId: c.id }, orderBy: { id: "desc" }, take: print ? 10 : 100 }),
      prisma.studyCheckin.findMany({ where: { candidateId: c.id }, orderBy: { at: "desc" }, take: print ? 10 : 50 }),
      prisma.auditLog.findMany({ where: { entity: "Candidate", entityId: String(c.id), outcome: "ok" }, orderBy: { at: "desc" }, take: 50 }),
      receivedBy(),
    ]);
    const editable = inScope(p.actor, c.village) && !print;
    const fieldRow = (label: string, value: unknown) => html`<dt>${label}</dt><dd>${value === null || value === undefined || value === "" ? html`<span class="muted">未填</span>` : value}</dd>`;
    const body = html`
${q.saved !== undefined ? html`<p class="notice" role="status">已保存${savedLabels(q.saved)}。</p>` : ""}
<div class="no-print"><a href="${BASE}/register">← 名册</a> · <a href="${BASE}/people/${c.id}/path">成长档案与阶段</a> · <a href="${BASE}/people/${c.id}?print=1">打印视图</a>${print ? html` · <button type="button" data-print>打印</button>` : ""}</div>
<div class="grid">
<section class="card" aria-label="基本信息">
<h2>基本信息</h2>
<dl class="profile" id="profile">
  ${fieldRow("档案号", `#${c.id}`)}
  ${fieldRow("姓名", c.name)}
  ${fieldRow("所在地", file.place)}
  ${fieldRow("性别", c.gender ? GENDER[c.gender] : null)}
  ${fieldRow("出生年月", c.birthYear ? `${c.birthYear}${c.birthMonth ? `年${c.birthMonth}月` : "年"}` : null)}
  ${fieldRow("身份证号", maskIdNumber(c.idNumber) || null)}
  ${fieldRow("电话", c.phone)}
  ${fieldRow("学历", c.education)}
  ${fieldRow("政治面貌", c.politicalStatus)}
  ${fieldRow("类别", CATEGORY[c.category])}
  ${fieldRow("来源", SOURCE[c.source])}
  ${fieldRow("阶段", STAGE[c.stage])}
  ${fieldRow("特长", c.specialties)}
  ${fieldRow("现工作地", c.currentPlace)}
  ${fieldRow("备注", c.notes)}
  ${fieldRow("发言", `${file.messageCount} 条${file.lastMessageAt ? `，最近 ${when(file.lastMessageAt)}` : ""}`)}
</dl>
</section>
${
  editable
    ? html`<section class="card no-print" aria-label="修改档案">
<h2>修改档案</h2>
<form method="post" action="${BASE}/people/${c.id}" class="edit" id="edit-profile">
  <input type="hidden" name="_csrf" value="${p.session.csrfToken}">
  <label>姓名 <input name="name" value="${c.name}" required maxlength="20"></label>
  <label>性别 <select name="gender">${options(GENDER, c.gender ?? undefined, "未填")}</select></label>
  <label>出生年份 <input name="birthYear" value="${c.birthYear ?? ""}" inputmode="numeric" maxlength="4"></label>
  <label>出生月份 <input name="birthMonth" value="${c.birthMonth ?? ""}" inputmode="numeric" maxlength="2"></label>
  <label>电话 <input name="phone" value="${c.phone ?? ""}" inputmode="tel" maxlength="20"></label>
  <label>学历 <input name="education" value="${c.education ?? ""}" maxlength="20"></label>
  <label>政治面貌 <input name="politicalStatus" value="${c.politicalStatus ?? ""}" maxlength="20"></label>
  <label>类别 <select name="category">${options(CATEGORY, c.category)}</select></label>
  <label>来源 <select name="source">${options(SOURCE, c.source)}</select></label>
  <label>阶段 <select name="stage">${options(STAGE, c.stage)}</select></label>
  <label>特长 <input name="specialties" value="${c.specialties ?? ""}" maxlength="200"></label>
  <label>现工作地 <input name="currentPlace" value="${c.currentPlace ?? ""}" maxlength="50"></label>
  <label>备注 <textarea name="notes" maxlength="500">${c.notes ?? ""}</textarea></label>
  <div><button type="submit">保存</button></div>
</form>
</section>`
    : ""
}
</div>
<section class="card" aria-label="意见建议">
<h2>意见建议（${feedback.length}）</h2>
<ul class="timeline" id="file-feedback">${feedback.map(
      (f) => html`<li><strong>#${f.id}</strong> ${FEEDBACK_KIND[f.kind]} · ${TOPIC[f.topic]} · ${FEEDBACK_STATUS[f.status]} <span class="muted">${when(f.createdAt)}</span><br>${f.text}${f.response ? html`<br><span class="muted">答复：</span>${f.response}` : ""}</li>`,
    )}</ul>
</section>
<section class="card" aria-label="学习打卡">
<h2>学习打卡</h2>
<ul class="timeline">${checkins.map((k) => html`<li>${when(k.at)} · ${k.platform}${k.content ? ` · ${k.content}` : ""}${k.minutes ? ` · ${k.minutes}分钟` : ""}</li>`)}</ul>
${checkins.length ? "" : html`<p class="muted">暂无打卡。</p>`}
</section>
<section class="card" aria-label="收到的提醒">
<h2>收到的提醒</h2>
<ul class="timeline" id="file-reminders">${received.map((m) => html`<li><span class="muted">${when(m.sentAt)} · ${PURPOSE[m.purpose] ?? m.purpose}${m.isGroup ? " · 联系群" : " · 私信"}</span><br>${m.text}</li>`)}</ul>
${received.length ? "" : html`<p class="muted">暂无。</p>`}
</section>
<section class="card" aria-label="档案变更">
<h2>档案变更</h2>
<ul class="timeline" id="file-changes">${changes.map((a) => html`<li>${when(a.at)} · ${describeChange(a.action, a.detail)}</li>`)}</ul>
${changes.length ? "" : html`<p class="muted">暂无变更记录。</p>`}
</section>
<section class="card" aria-label="发言记录">
<h2>发言记录（最新在前）</h2>
<ul class="timeline" id="file-messages">${messages.map((m) => html`<li><span class="muted">${when(m.sentAt)}${m.group ? ` · ${m.group.topic}` : " · 私聊"}</span><br>${m.text}</li>`)}</ul>
${print ? "" : pager(`${BASE}/people/${c.id}`, {}, q.page, MESSAGES_PER_PAGE, file.messageCount)}
</section>`;
    return layout(`${c.name}的档案`, p.session, body, { active: "register" });
  },
};

function describeChange(action: string, detail: unknown): string {
  const changes = (detail as { changes?: { field: string; from: unknown; to: unknown }[] } | null)?.changes ?? [];
  const what = changes.map((c) => `${FIELD_LABEL[c.field as keyof ProfileEdit] ?? c.field}：${shown(c.field, c.from)} → ${shown(c.field, c.to)}`).join("；");
  const verb = { "candidate.edit": "修改", "candidate.import-create": "由摸底表导入新建", "candidate.import-update": "由摸底表导入更新", "candidate.register": "登记" }[action] ?? action;
  return what ? `${verb}：${what}` : verb;
}

const editPage: PageRoute = {
  method: "post",
  path: "/people/:id",
  async handle(p) {
    const file = await visibleFile(p);
    const c = file.candidate;
    if (!inScope(p.actor, c.village)) throw notFound(`没有档案 #${c.id}，或不在您的范围内。`);
    const result = ProfileEdit.safeParse(p.body);
    if (!result.success) throw new AppError("bad_arguments", `没有保存：${result.error.issues.map((i) => i.message).join("；")}。请返回修改后再保存。`);
    const next = result.data;
    const changes = (Object.keys(next) as (keyof ProfileEdit)[])
      .filter((f) => (c[f] ?? null) !== next[f])
      .map((f) => ({ field: f, from: c[f] ?? null, to: next[f] }));
    if (changes.length) {
      await p.services.db.transaction(async ({ prisma }) => {
        await prisma.candidate.update({ where: { id: c.id }, data: Object.fromEntries(changes.map((x) => [x.field, x.to])) });
        await audit(prisma, { actorId: p.actor.memberId, action: "candidate.edit", outcome: "ok", entity: "Candidate", entityId: c.id, detail: { changes, via: "workbench" } });
      });
    }
    const saved = changes.map((x) => FIELD_LABEL[x.field]).join("、");
    return { redirect: `${BASE}/people/${c.id}?saved=${encodeURIComponent(saved)}` };
  },
};

export const personPages: PageRoute[] = [showPage, editPage];
