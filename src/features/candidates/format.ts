import { CATEGORY, channelLabel, GENDER, SOURCE, STAGE, type Category, type Stage } from "../../domain/glossary.ts";
import { maskPhone } from "../../domain/phone.ts";
import { excerpt } from "../../domain/text.ts";
import { formatDate } from "../../domain/time.ts";
import type { CandidateFile, RegisterSummary } from "./service.ts";
import { symposiumLines } from "../symposium/record.ts";

/** A file as shown in chat. The phone number is always masked. */
export function formatFile(f: CandidateFile): string {
  const c = f.candidate;
  const lines = [
    `【档案 #${c.id}】${c.name}`,
    `性别：${c.gender ? GENDER[c.gender] : "未登记"}　出生：${c.birthYear ?? "未登记"}`,
    `所在：${f.place}`,
    `类别：${CATEGORY[c.category]}　来源：${SOURCE[c.source]}　阶段：${STAGE[c.stage]}`,
    `电话：${maskPhone(c.phone)}`,
    `学历：${c.education ?? "未登记"}　政治面貌：${c.politicalStatus ?? "未登记"}`,
  ];
  if (c.specialties) lines.push(`特长：${c.specialties}`);
  if (c.currentPlace) lines.push(`现在：${c.currentPlace}`);
  lines.push(
    `群内发言：${f.messageCount}条${byChannel(f)}${f.lastMessageAt ? `，最近一次 ${formatDate(f.lastMessageAt)}` : ""}`,
    `意见：${f.feedbackCount.feedback ?? 0}条　建议：${f.feedbackCount.idea ?? 0}条　求助：${f.feedbackCount.request ?? 0}条`,
    ...symposiumLines(f.symposiums),
  );
  const t = f.thinking;
  if (t.count && t.latest) lines.push(`思想动态：${t.count}条，最近 ${formatDate(t.latest.sentAt)}：${t.latest.summary ?? excerpt(t.latest.text)}`);
  return lines.join("\n");
}

/** "（微信 9，企业微信 3）" when someone has spoken on more than one channel. */
function byChannel(f: CandidateFile): string {
  if (f.messagesByChannel.length < 2) return "";
  return `（${f.messagesByChannel.map((m) => `${channelLabel(m.channel)} ${m.count}`).join("，")}）`;
}

export function formatSummary(s: RegisterSummary): string {
  const total = Object.entries(s.byStage).filter(([k]) => k !== "exited").reduce((n, [, v]) => n + (v ?? 0), 0);
  const stages = (Object.keys(STAGE) as Stage[]).map((k) => `${STAGE[k]} ${s.byStage[k] ?? 0}`).join("　");
  const cats = (Object.keys(CATEGORY) as Category[]).map((k) => `${CATEGORY[k]} ${s.byCategory[k] ?? 0}`).join("　");
  return [`【${s.place} 名册】在册 ${total} 人`, `按阶段：${stages}`, `按类别：${cats}`].join("\n");
}
