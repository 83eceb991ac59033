import { FEEDBACK_KIND, TOPIC } from "../../domain/glossary.ts";
import { excerpt } from "../../domain/text.ts";
import { formatDate } from "../../domain/time.ts";
import type { FeedbackWithRefs } from "./service.ts";

export function formatItemLine(f: FeedbackWithRefs): string {
  const who = f.anonymous ? "匿名" : (f.candidate?.name ?? f.author?.displayName ?? "匿名");
  return `#${f.id} [${FEEDBACK_KIND[f.kind]}·${TOPIC[f.topic]}] ${who}（${f.area.name}，${formatDate(f.createdAt)}）：${excerpt(f.text)}`;
}

export function formatList(items: FeedbackWithRefs[], total: number, placeName: string): string {
  if (total === 0) return `${placeName}目前没有待处理的意见建议。`;
  const head = `【${placeName} 待处理意见建议】共 ${total} 条${total > items.length ? `，显示最新 ${items.length} 条` : ""}`;
  return [head, ...items.map(formatItemLine), "答复：/回复 #编号 内容　关闭：/关闭 #编号 说明"].join("\n");
}
