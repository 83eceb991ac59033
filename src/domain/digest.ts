// The weekly digest for a township's organiser: what was said in its groups, built
// from stored data with counts a cadre can check (each item by its number). A model,
// when configured, may add a paragraph of prose on top; the facts never depend on it.
import { REMARK_KIND, TOPIC, type Topic } from "./glossary.ts";
import { excerpt } from "./text.ts";
import { formatDate } from "./time.ts";

export interface DigestItem {
  id: number;
  text: string;
  /** The person's name, or null for an anonymous suggestion. */
  who: string | null;
  place: string;
  createdAt: Date;
}

export interface DigestThought {
  who: string;
  text: string;
  /** The model's one line, when it read the message. */
  summary: string | null;
  negative: boolean;
}

export interface DigestData {
  place: string;
  from: Date;
  to: Date;
  ideas: DigestItem[];
  ideaCount: number;
  openRequests: DigestItem[];
  openRequestCount: number;
  /** Recognised remarks per topic in the period, and the mean of the four periods before it. */
  topics: { topic: Topic; count: number; before: number }[];
  quiet: { name: string; lastMessageAt: Date | null }[];
  quietWeeks: number;
  thinking: DigestThought[];
  thinkingCount: number;
  /** Remarks of each kind in the period (the check behind the sections). */
  kinds: Partial<Record<keyof typeof REMARK_KIND, number>>;
}

/** At most this many lines per section; the heading still gives the full count. */
export const DIGEST_LINES = 8;

/** A topic is trending up when it has a few remarks and half again its recent mean. */
export function trendingUp(t: { count: number; before: number }): boolean {
  return t.count >= 2 && t.count >= Math.max(1, t.before) * 1.5;
}

const DAY_MS = 86_400_000;
/** Whole days from `from` to `to`, at least 0. */
export const daysBetween = (from: Date, to: Date) => Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY_MS));

/**
 * The digest as a private message. `prose`, when a model wrote it, opens it.
 * Sections with nothing in them say so in one line, so a short digest is still a digest.
 */
export function digestText(d: DigestData, prose: string | null = null): string {
  const lines: string[] = [`【意见建议周报】${d.place} ${formatDate(d.from)}—${formatDate(new Date(d.to.getTime() - 1))}`];
  if (prose) lines.push(prose);
  const counts = Object.entries(REMARK_KIND).map(([k, label]) => `${label}${d.kinds[k as keyof typeof REMARK_KIND] ?? 0}条`);
  lines.push(`本期识别：${counts.join("，")}。`);

  lines.push(`\n一、值得跟进的建议（${d.ideaCount}条）`);
  if (!d.ideas.length) lines.push("本期没有新建议。");
  for (const i of d.ideas) lines.push(`#${i.id} ${i.who ?? "匿名"}（${i.place}）：${excerpt(i.text, 40)}`);
  if (d.ideaCount > d.ideas.length) lines.push(`……另有${d.ideaCount - d.ideas.length}条，发送 /待办 查看。`);

  lines.push(`\n二、待答复的求助（${d.openRequestCount}条）`);
  if (!d.openRequests.length) lines.push("没有待答复的求助。");
  for (const r of d.openRequests) lines.push(`#${r.id} ${r.who ?? "匿名"}（${r.place}），已等${daysBetween(r.createdAt, d.to)}天：${excerpt(r.text, 30)}`);
  if (d.openRequestCount > d.openRequests.length) lines.push(`……另有${d.openRequestCount - d.openRequests.length}条，发送 /待办 查看。`);

  const up = d.topics.filter(trendingUp);
  lines.push(`\n三、升温的话题（与前四周平均相比）`);
  if (!up.length) lines.push("没有明显升温的话题。");
  for (const t of up) lines.push(`${TOPIC[t.topic]}：本期${t.count}条，前四周平均${round1(t.before)}条`);

  lines.push(`\n四、${d.quietWeeks}周以上没有发言的后备力量（${d.quiet.length}人）`);
  if (!d.quiet.length) lines.push("没有。");
  else lines.push(names(d.quiet.map((q) => q.name)) + "。建议私下联系，了解近况。");

  const unsure = d.thinking.filter((t) => t.negative).length;
  lines.push(`\n五、思想动态（${d.thinkingCount}条${unsure ? `，其中${unsure}条有顾虑` : ""}）`);
  if (!d.thinking.length) lines.push("本期没有。");
  for (const t of d.thinking) lines.push(`${t.who}：${t.summary ?? excerpt(t.text, 40)}`);
  return lines.join("\n");
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function names(list: string[]): string {
  const shown = list.slice(0, 30);
  return shown.join("、") + (list.length > shown.length ? `等${list.length}人` : "");
}

/**
 * What a model may read to write the digest's prose: counts and topic labels only —
 * no names, no messages — so nothing personal leaves the machine for it.
 */
export function digestFacts(d: DigestData): string {
  const up = d.topics.filter(trendingUp).map((t) => `${TOPIC[t.topic]}（本期${t.count}条，前四周平均${round1(t.before)}条）`);
  const unsure = d.thinking.filter((t) => t.negative).length;
  return [
    `地区：${d.place}；时间：${formatDate(d.from)}至${formatDate(new Date(d.to.getTime() - 1))}`,
    `识别到：${Object.entries(REMARK_KIND).map(([k, l]) => `${l}${d.kinds[k as keyof typeof REMARK_KIND] ?? 0}条`).join("，")}`,
    `新建议${d.ideaCount}条；待答复求助${d.openRequestCount}条，最久已等${d.openRequests.length ? daysBetween(d.openRequests[0]!.createdAt, d.to) : 0}天`,
    `升温话题：${up.length ? up.join("；") : "无"}`,
    `${d.quietWeeks}周以上未发言的后备力量${d.quiet.length}人`,
    `思想动态${d.thinkingCount}条，其中有顾虑的${unsure}条`,
  ].join("\n");
}
