// Read-only 培养 pages: 季度研判 (each person's level with its reasons — never a score,
// never a rank — proposals to adjust, and warnings before elections) and 培养台账
// (practice posts, appraisal rounds, notices). Each reads through the cultivation
// services the /api uses, inside the cadre's area.
import { z } from "zod";
import { parse } from "../../../core/validate.ts";
import { APPRAISAL_CHOICE } from "../../../domain/cultivation/appraisal.ts";
import { READINESS } from "../../../domain/cultivation/review.ts";
import { STAGE } from "../../../domain/glossary.ts";
import { roundsIn } from "../../../features/cultivation/appraisal.ts";
import { noticesIn } from "../../../features/cultivation/notices.ts";
import { postsIn } from "../../../features/cultivation/posts.ts";
import { quarterlyReview } from "../../../features/cultivation/review.ts";
import { scopedArea } from "../../../features/paging.ts";
import { day, html } from "../html.ts";
import { BASE, layout } from "../layout.ts";
import type { PageRequest, PageRoute } from "../router.ts";
import { placeSelect, placesIn } from "./places.ts";

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const AreaQuery = z.object({ area: z.preprocess(blankToUndefined, z.coerce.number().int().positive().optional()) });

/** The area asked for (inside the cadre's own) and the 地区 chooser that asks for it. */
async function chosenArea({ actor, query: raw, services }: PageRequest, path: string) {
  const q = parse(AreaQuery, raw);
  const own = actor.area!;
  const [area, places] = await Promise.all([scopedArea(services.db.prisma, actor, q.area), placesIn(services.db.prisma, own)]);
  const chooser = places.length ? html`<form class="filters card" method="get" action="${BASE}${path}">${placeSelect(places, own, q.area)}<button type="submit">查看</button></form>` : "";
  return { area, chooser };
}

const reviewPage: PageRoute = {
  method: "get",
  path: "/review",
  async handle(p) {
    const { services, session, now } = p;
    const { area, chooser } = await chosenArea(p, "/review");
    // As the API: a county's quarterly view is read township by township.
    if (area.level === "county") {
      return layout("季度研判", session, html`${chooser}<p class="muted" id="choose">季度研判按乡镇查看，请先选择一个乡镇。</p>`, { active: "review" });
    }
    const r = await quarterlyReview(services.db, area, now());
    const body = html`${chooser}
<p class="muted">${r.area.name} · ${r.quarter} · 按人列出研判结论和依据，不打分、不排名。</p>
<section class="card" aria-label="各类人数">
<h2>各类人数</h2>
<p id="counts">${Object.entries(READINESS).map(([k, label]) => html`<span>${label} ${r.counts[k as keyof typeof READINESS]} 人</span>　`)}</p>
</section>
<section class="card" aria-label="逐人研判">
<h2>逐人研判（${r.people.length}）</h2>
<div class="table-wrap"><table class="responsive" id="review">
<thead><tr><th>姓名</th><th>村</th><th>阶段</th><th>研判</th><th>依据</th></tr></thead>
<tbody>
${r.people.map(
  (x) => html`<tr>
  <td data-label="姓名"><a href="${BASE}/people/${x.candidateId}/path">${x.name}</a></td>
  <td data-label="村">${x.village}</td>
  <td data-label="阶段">${STAGE[x.stage]}</td>
  <td data-label="研判">${x.levelLabel}</td>
  <td data-label="依据">${x.reasons.join("；")}</td>
</tr>`,
)}
${r.people.length ? "" : html`<tr><td colspan="5">没有培养对象或后备力量。</td></tr>`}
</tbody></table></div>
</section>
<section class="card" aria-label="建议调整">
<h2>建议调整退出</h2>
${r.proposals.length ? html`<ul class="timeline" id="proposals">${r.proposals.map((x) => html`<li><a href="${BASE}/people/${x.candidateId}/path">${x.name}</a>（${x.village}）：${x.reasons.join("；")}</li>`)}</ul>` : html`<p class="muted">本季度没有。</p>`}
</section>
<section class="card" aria-label="换届预警">
<h2>换届预警</h2>
${r.villages.length ? html`<ul class="timeline" id="warnings">${r.villages.map((v) => html`<li><strong>${v.name}</strong>${v.nextElection ? `（换届 ${v.nextElection}）` : ""}：${v.warnings.join("；")}</li>`)}</ul>` : html`<p class="muted">各村后备力量暂无预警。</p>`}
</section>`;
    return layout("季度研判", session, body, { active: "review" });
  },
};

const ledgerPage: PageRoute = {
  method: "get",
  path: "/cultivation",
  async handle(p) {
    const { services, session, now } = p;
    const prisma = services.db.prisma;
    const { area, chooser } = await chosenArea(p, "/cultivation");
    const [posts, rounds, notices] = await Promise.all([postsIn(prisma, area), roundsIn(prisma, area), noticesIn(prisma, area, now())]);
    const body = html`
${chooser}
<section class="card" aria-label="实践岗位">
<h2>实践岗位（${posts.length}）</h2>
${
  posts.length
    ? html`<ul class="timeline" id="posts">${posts.map(
        (p) => html`<li><strong>${p.title}</strong> · 指导人：${p.supervisor} · ${p.startsOn}至${p.endsOn}<br>${
          p.assignments.length
            ? p.assignments.map((a, i) => html`${i ? "、" : ""}<a href="${BASE}/people/${a.candidate.id}/path">${a.candidate.name}</a>${a.evaluation ? `（评价：${APPRAISAL_CHOICE[a.evaluation]}）` : ""}`)
            : html`<span class="muted">尚未安排人选</span>`
        }</li>`,
      )}</ul>`
    : html`<p class="muted">暂无实践岗位。</p>`
}
</section>
<section class="card" aria-label="民主测评">
<h2>民主测评（${rounds.length}）</h2>
${
  rounds.length
    ? html`<ul class="timeline" id="rounds">${rounds.map(
        (r) => html`<li>第${r.id}轮 · ${r.title} · ${r.village} · 测评${r.people}人<br><span class="muted">${day(r.openedAt)}开始，${r.closedAt ? `${day(r.closedAt)}结束` : "进行中"}</span></li>`,
      )}</ul>`
    : html`<p class="muted">暂无民主测评。</p>`
}
</section>
<section class="card" aria-label="公示">
<h2>公示（${notices.length}）</h2>
${
  notices.length
    ? html`<ul class="timeline" id="notices">${notices.map(
        (n) => html`<li>#${n.id} <a href="${BASE}/people/${n.candidate.id}/path">${n.candidate.name}</a>（${n.candidate.village.name}）· ${n.purposeLabel}${n.post ? `（${n.post}）` : ""}<br><span class="muted">${n.postedOn}至${n.lastDay} · ${n.outcomeLabel}${n.objections ? ` · 异议${n.objections}件` : ""} · </span><a href="/api/notices/${n.id}/print">打印公示</a></li>`,
      )}</ul>`
    : html`<p class="muted">暂无公示。</p>`
}
</section>`;
    return layout("培养台账", session, body, { active: "ledger" });
  },
};

export const cultivationViews: PageRoute[] = [reviewPage, ledgerPage];
