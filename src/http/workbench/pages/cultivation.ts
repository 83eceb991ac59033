// 培养 pages on the workbench: 结对帮带 (the pairs in the cadre's area, pairing a mentor
// with a person) and a person's 成长档案 with the stage-move form. Each page calls the
// cultivation services the chat and /api use, so the rules, scope checks and audit are
// one and the same; a refusal comes back to the page as the rule's Chinese sentence.
import { z } from "zod";
import { AppError } from "../../../core/errors.ts";
import { parse } from "../../../core/validate.ts";
import { underArea } from "../../../domain/area.ts";
import { STAGE, type Role } from "../../../domain/glossary.ts";
import { atLeast, inScope } from "../../../domain/permissions.ts";
import { personFor } from "../../../features/cultivation/guard.ts";
import { endPair, pairMentor, pairsIn } from "../../../features/cultivation/mentoring.ts";
import { personPath } from "../../../features/cultivation/path.ts";
import { moveStage } from "../../../features/cultivation/stages.ts";
import { keys } from "../../../features/paging.ts";
import { day, html, options, query, when } from "../html.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRequest, PageResult, PageRoute } from "../router.ts";

const CADRE_ROLES: Role[] = ["village_cadre", "township_organiser", "county_admin"];
/** Who may be paired: people being grown (培养对象, 后备力量); the list is capped for a county's size. */
const PAIRABLE = ["trainee", "reserve"] as const;
const PAIRABLE_MAX = 500;
const REFUSALS = new Set(["bad_arguments", "forbidden", "not_found"]);

const IdParam = z.object({ id: z.coerce.number().int().positive() });
// After a form: only ids in the address (what is shown is read back from the database), so a crafted link cannot put words on the page.
const PairsQuery = z.object({ paired: z.coerce.number().int().positive().optional(), ended: z.coerce.number().int().positive().optional(), history: z.string().optional(), person: z.coerce.number().int().positive().optional() });
const PathQuery = z.object({ moved: z.string().optional() });
const PairForm = z.object({
  candidateId: z.coerce.number({ error: "请选择被帮带人" }).int().positive("请选择被帮带人"),
  mentorId: z.coerce.number({ error: "请选择帮带人" }).int().positive("请选择帮带人"),
  rotate: z.string().optional(),
});
const StageForm = z.object({
  to: z.enum(keys(STAGE), { error: "请选择调整后的阶段" }),
  reason: z.string().max(500, "理由不能超过500个字"),
  post: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().max(50, "岗位不能超过50个字").optional()),
});

/**
 * Run a form's action and redirect to where it says; a refusal (bad input, a rule saying
 * no, out of scope) — audited by the service, nothing changed — shows the form's page
 * again with the rule's Chinese sentence.
 */
async function formAction(act: () => Promise<string>, again: (error: string) => Promise<PageResult>): Promise<PageResult> {
  try {
    return { redirect: await act() };
  } catch (err) {
    // The form is the page's "how to write it": the chat's usage line (用法：/帮带 …) is left off.
    if (err instanceof AppError && REFUSALS.has(err.code)) return again(err.userMessage.split("\n用法：")[0]!);
    throw err;
  }
}

const flash = (done: string | null, error: string | undefined) =>
  html`${done ? html`<p class="notice" role="status">${done}</p>` : ""}${error ? html`<p class="error" role="alert">${error}</p>` : ""}`;

const csrf = (p: PageRequest) => html`<input type="hidden" name="_csrf" value="${p.session.csrfToken}">`;

const pairsPage: PageRoute = {
  method: "get",
  path: "/pairs",
  handle: (p) => renderPairs(p),
};

async function renderPairs(p: PageRequest, error?: string, typedMentor?: number): Promise<PageResult> {
  const f = parse(PairsQuery, p.query);
  const prisma = p.services.db.prisma;
  const own = p.actor.area!;
  const history = f.history !== undefined;
  const [pairs, people, mentors] = await Promise.all([
    pairsIn(prisma, own, { ended: history }),
    prisma.candidate.findMany({
      where: { village: underArea(own), OR: [{ stage: { in: [...PAIRABLE] } }, ...(f.person ? [{ id: f.person }] : [])] },
      select: { id: true, name: true, stage: true, village: { select: { name: true } } },
      orderBy: [{ villageId: "asc" }, { id: "asc" }],
      take: PAIRABLE_MAX,
    }),
    // Mentors are cadres bound in 苗圃 inside the cadre's area, and the cadre themself.
    prisma.chatMember.findMany({
      where: { role: { in: CADRE_ROLES }, OR: [{ area: underArea(own) }, ...(p.actor.memberId ? [{ id: p.actor.memberId }] : [])] },
      select: { id: true, displayName: true, role: true, area: { select: { name: true } } },
      orderBy: { id: "asc" },
    }),
  ]);
  const done = f.paired ? pairs.find((x) => x.id === f.paired) : undefined;
  // An ended pair is no longer listed: read it back, inside the cadre's area, to say so.
  const ended = f.ended ? (history ? pairs : await pairsIn(prisma, own, { ended: true })).find((x) => x.id === f.ended && x.endedAt) : undefined;
  const body = html`
${flash(done ? `已结对：${done.mentor ?? `#${done.mentorId}`} 帮带 ${done.candidate.name}。` : ended ? `已结束结对：${ended.mentor ?? `#${ended.mentorId}`} 帮带 ${ended.candidate.name}（记录保留）。` : null, error)}
<section class="card" aria-label="新建结对">
<h2>新建结对</h2>
<form method="post" action="${BASE}/pairs" class="edit" id="pair-form">
  ${csrf(p)}
  <label>被帮带人 <select name="candidateId" required><option value="">请选择</option>${people.map(
  (c) => html`<option value="${c.id}"${f.person === c.id ? html` selected` : ""}>${c.name}（#${c.id}，${c.village.name}，${STAGE[c.stage]}）</option>`,
  )}</select></label>
  <label>帮带人 <select name="mentorId" required><option value="">请选择</option>${mentors.map(
  (m) => html`<option value="${m.id}"${typedMentor === m.id ? html` selected` : ""}>${m.displayName}${m.area ? `（${m.area.name}）` : ""}</option>`,
  )}</select></label>
  <label><span><input type="checkbox" name="rotate" value="1"> 轮换（结束此人原有结对，记录保留）</span></label>
  <div><button type="submit">结对</button></div>
</form>
<p class="muted">可选的被帮带人为${own.name}的培养对象和后备力量${people.length >= PAIRABLE_MAX ? `（仅列出前${PAIRABLE_MAX}人，其余请从档案页进入）` : ""}。帮带人须是已在苗圃绑定干部身份的人。</p>
</section>
<section class="card" aria-label="结对名单">
<h2>${own.name}的结对（${pairs.length}）</h2>
<p>${history ? html`<a href="${BASE}/pairs">只看正在帮带的</a>` : html`<a href="${BASE}/pairs?history">含已结束的结对</a>`}</p>
<div class="table-wrap"><table class="responsive" id="pairs">
<thead><tr><th>被帮带人</th><th>帮带人</th><th>结对日期</th><th>最近联系</th><th></th></tr></thead>
<tbody>
${pairs.map(
  (x) => html`<tr>
  <td data-label="被帮带人"><a href="${BASE}/people/${x.candidate.id}/path">${x.candidate.name}</a></td>
  <td data-label="帮带人">${x.mentor ?? `#${x.mentorId}`}</td>
  <td data-label="结对日期">${day(x.startedAt)}</td>
  <td data-label="最近联系">${x.lastContactAt ? when(x.lastContactAt) : html`<span class="muted">暂无记录</span>`}</td>
  <td>${
    x.endedAt
      ? html`<span class="muted">${day(x.endedAt)}已结束</span>`
      : html`<form method="post" action="${BASE}/pairs/${x.id}/end">${csrf(p)}<button type="submit" class="secondary">结束结对</button></form>`
  }</td>
</tr>`,
)}
${pairs.length ? "" : html`<tr><td colspan="5">暂无结对。</td></tr>`}
</tbody></table></div>
</section>`;
  return layout("结对帮带", p.session, body, { active: "pairs" });
}

const pairAction: PageRoute = {
  method: "post",
  path: "/pairs",
  async handle(p) {
    return formAction(
      async () => {
        const b = parse(PairForm, p.body);
        const r = await pairMentor(p.services.db, p.actor, { candidateId: b.candidateId, mentorId: b.mentorId, rotate: !!b.rotate }, p.now());
        return `${BASE}/pairs${query({ paired: r.pair.id })}`;
      },
      // Put the chosen person and mentor back on the form.
      (error) => renderPairs({ ...p, query: { person: p.body.candidateId } }, error, Number(p.body.mentorId)),
    );
  },
};

const endAction: PageRoute = {
  method: "post",
  path: "/pairs/:id/end",
  async handle(p) {
    const { id } = parse(IdParam, p.params);
    return formAction(
      async () => {
        await endPair(p.services.db, p.actor, id, p.now());
        return `${BASE}/pairs${query({ ended: id })}`;
      },
      (error) => renderPairs({ ...p, query: {} }, error),
    );
  },
};

const pathPage: PageRoute = {
  method: "get",
  path: "/people/:id/path",
  handle: (p) => renderPath(p),
};

/** `typed`: what the refused form held, put back so nothing has to be typed again. */
async function renderPath(p: PageRequest, error?: string, typed: Record<string, unknown> = {}): Promise<PageResult> {
  const kept = (k: string) => (typeof typed[k] === "string" ? (typed[k] as string) : "");
  const { id } = parse(IdParam, p.params);
  const f = parse(PathQuery, p.query);
  const prisma = p.services.db.prisma;
  const person = await personFor(prisma, p.actor, id, "path.view");
  const path = await personPath(prisma, id, p.now());
  const canMove = inScope(p.actor, person.village) && atLeast(p.actor.role, "township_organiser");
  const list = <T>(items: T[], row: (x: T) => unknown, empty = "暂无。") => (items.length ? html`<ul class="timeline">${items.map((x) => html`<li>${row(x)}</li>`)}</ul>` : html`<p class="muted">${empty}</p>`);
  const current = path.mentors.filter((m) => !m.endedAt);
  const last = path.moves.at(-1);
  const body = html`
${flash(f.moved !== undefined && last ? `已将${path.name}由${last.fromLabel}调整为${last.toLabel}。理由：${last.reason}` : null, error)}
<div><a href="${BASE}/people/${id}">← ${path.name}的档案</a> · <a href="${BASE}/pairs${query({ person: id })}">为其结对帮带人</a></div>
<div class="grid">
<section class="card" aria-label="现在">
<h2>现在：<span id="stage">${path.stageLabel}</span></h2>
<dl class="profile">
  <dt>所在地</dt><dd>${person.village.name}</dd>
  <dt>帮带人</dt><dd id="mentors">${current.length ? current.map((m) => m.mentor).join("、") : html`<span class="muted">暂无</span>`}</dd>
  <dt>${path.studyHours.year}年学习</dt><dd>约${path.studyHours.totalHours}小时</dd>
  <dt>定期汇报</dt><dd>${path.reports.length ? `共${path.reports.length}次，最近 ${day(path.reports[0]!.at)}` : "暂无"}</dd>
</dl>
</section>
${
  canMove
  ? html`<section class="card" aria-label="调整阶段">
<h2>调整阶段</h2>
<form method="post" action="${BASE}/people/${id}/stage" class="edit" id="stage-form">
  ${csrf(p)}
  <label>调整为 <select name="to" required>${options(STAGE, kept("to"), "请选择")}</select></label>
  <label>理由 <textarea name="reason" maxlength="500" required placeholder="如：经村党组织研究，列为培养对象">${kept("reason")}</textarea></label>
  <label>岗位（调整为“使用”时填写） <input name="post" maxlength="50" value="${kept("post")}"></label>
  <div><button type="submit">调整</button></div>
</form>
<p class="muted">须按“摸底对象→培养对象→后备力量→使用”逐步进行；纳入后备力量前须有民主测评、考察和公示，使用前须有公示和岗位。</p>
</section>`
  : html`<section class="card"><p class="muted">调整阶段须由乡镇组织委员及以上办理。</p></section>`
}
</div>
<section class="card" aria-label="阶段变化">
<h2>阶段变化</h2>
<div id="moves">${list(path.moves, (m) => html`${day(m.at)} · ${m.fromLabel} → ${m.toLabel}<br><span class="muted">理由：</span>${m.reason}`, "尚无阶段变化。")}</div>
</section>
<section class="card" aria-label="民主测评与公示">
<h2>民主测评与公示</h2>
${list(
  [...path.appraisals.map((a) => html`民主测评（第${a.roundId}轮，${day(a.closedAt)}）：${a.verdictLabel ?? "无有效票"}`), ...path.notices.map((n) => html`公示 #${n.id}（${n.purposeLabel}，${n.postedOn}至${n.lastDay}）：${n.outcomeLabel}`)],
  (x) => x,
)}
</section>
<section class="card" aria-label="实践与记录">
<h2>实践岗位与记录</h2>
${list(
  [
    ...path.posts.map((a) => html`实践岗位：${a.title}（${a.startsOn}至${a.endsOn}）${a.evaluationLabel ? `，评价：${a.evaluationLabel}` : ""}`),
    ...path.notes.map((n) => html`${n.kindLabel}（${day(n.at)}）：${n.label ? `${n.label} ` : ""}${n.note}`),
  ],
  (x) => x,
)}
</section>`;
  return layout(`${path.name}的成长档案`, p.session, body, { active: "pairs" });
}

const stageAction: PageRoute = {
  method: "post",
  path: "/people/:id/stage",
  async handle(p) {
    const { id } = parse(IdParam, p.params);
    return formAction(
      async () => {
        const b = parse(StageForm, p.body);
        await moveStage(p.services.db, p.actor, { candidateId: id, ...b }, { jointReviewOffices: p.services.config.cultivation.jointReviewOffices }, p.now());
        return `${BASE}/people/${id}/path?moved`;
      },
      (error) => renderPath({ ...p, query: {} }, error, p.body),
    );
  },
};

export const cultivationPages: PageRoute[] = [pairsPage, pairAction, endAction, pathPage, stageAction];
