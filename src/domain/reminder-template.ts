// Reminder texts with {变量} placeholders. Pure: the caller supplies the values
// (group name, formatted date and time, the reminder's topic, link and place).
import type { ReminderKind } from "./glossary.ts";

export const TEMPLATE_VARIABLES = ["群名", "日期", "时间", "主题", "链接", "地点"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export const MAX_TEMPLATE_LENGTH = 500;

// Optional pieces (主题, 地点, 链接) sit on lines of their own, so an empty one
// drops its whole line instead of leaving half a sentence behind.
export const DEFAULT_TEMPLATES: Record<ReminderKind, string> = {
  online_study:
    "【学习提醒】{群名}的同志们，今天是{日期}，别忘了在学习强国、共产党员网上学习一会儿，学完发“/打卡 平台 分钟”记录一下。\n今天推荐：{主题}\n{链接}",
  three_meetings:
    "【三会一课】{群名}的同志们，{日期} {时间}开展“三会一课”，请大家准时参加，有事提前请假。\n内容：{主题}\n地点：{地点}\n{链接}",
  party_day:
    "【主题党日】{群名}的同志们，{日期} {时间}是我们的主题党日，欢迎大家一起参加、一起交流。\n活动主题：{主题}\n地点：{地点}\n{链接}",
  training:
    "【培训通知】{群名}的同志们，{日期} {时间}有一场培训，请提前安排好手头的事，准时参加。\n培训内容：{主题}\n培训地点：{地点}\n{链接}",
  other: "【温馨提醒】{群名}的同志们：{主题}\n时间：{日期} {时间}\n地点：{地点}\n{链接}",
};

const PLACEHOLDER = /[{｛]([^{}｛｝\n]*)[}｝]/g;

/**
 * `checkTemplate("{群名}开会，{地址}")` →
 * `{ ok: false, error: "模板里的{地址}不是可用的变量，可用的有：{群名}、{日期}、{时间}、{主题}、{链接}、{地点}" }`.
 */
export function checkTemplate(template: string): { ok: true } | { ok: false; error: string } {
  if (template.trim() === "") return { ok: false, error: "提醒内容不能为空" };
  const length = [...template].length;
  if (length > MAX_TEMPLATE_LENGTH) return { ok: false, error: `提醒内容最多${MAX_TEMPLATE_LENGTH}个字，现在有${length}个字` };
  const unknown = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER)) if (!isVariable(m[1]!.trim())) unknown.add(`{${m[1]!.trim()}}`);
  if (unknown.size > 0) {
    const allowed = TEMPLATE_VARIABLES.map((v) => `{${v}}`).join("、");
    return { ok: false, error: `模板里的${[...unknown].join("、")}不是可用的变量，可用的有：${allowed}` };
  }
  return { ok: true };
}

/**
 * Fill in the variables. An empty or missing one is left out together with what
 * only made sense around it: its line when nothing else is on it (or only a
 * label of up to four characters such as "地点："), empty brackets, a "，" or
 * "：" left dangling, the space before it.
 * Unknown placeholders stay as typed (`checkTemplate` refuses them earlier).
 * `renderTemplate("{日期} {时间}开会（{主题}）", { 日期: "11月27日" })` → "11月27日开会".
 */
export function renderTemplate(template: string, vars: Partial<Record<TemplateVariable, string>>): string {
  const filled = template.replace(PLACEHOLDER, (whole, name: string) => {
    const key = name.trim();
    if (!isVariable(key)) return whole;
    const value = (vars[key] ?? "").replace(/\u0000/g, "").trim();
    return value === "" ? GAP : value;
  });
  return tidy(filled);
}

function isVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

// Marks where an empty variable was, so tidying only touches text next to it and
// leaves the author's own punctuation (such as "同志们：" ending a line) alone.
const GAP = "\u0000";

const BRACKETS = ["（）", "()", "【】", "[]", "「」", "《》", "“”", "‘’"];

function tidy(text: string): string {
  let s = text;
  for (const [open, close] of BRACKETS.map((p) => [...p].map(escape) as [string, string]))
    s = s.replace(new RegExp(`${open}[ \\t\\u3000\\u0000]*${close}`, "g"), GAP);
  s = s
    .split("\n")
    // A line holding only gaps, or only a label and gaps ("地点：", "培训内容："). Labels
    // are short; a longer lead-in ("今晚有培训：") is a sentence and keeps its line.
    .filter((line) => !(line.includes(GAP) && /^[ \t\u3000]*(?:[^\s\u0000，。！？；：:、,.!?;]{1,4}[：:])?[ \t\u3000\u0000]*$/.test(line)))
    .join("\n");
  s = s
    // "，" or "：" before a gap that ends a clause: "一会儿，{主题}，学完" → "一会儿，学完".
    .replace(/[，、：:；,;][ \t\u3000]*\u0000+[ \t\u3000]*(?=[，。！？；、,.!?;\n]|$)/g, "")
    // A gap opening a line takes its separator with it.
    .replace(/(^|\n)([ \t\u3000]*)\u0000+[ \t\u3000]*[，、：:；,;]?[ \t\u3000]*/g, "$1$2")
    .replace(/[ \t\u3000]+\u0000/g, GAP)
    .replace(/\u0000/g, "")
    .replace(/(?<=\S)[ \t]{2,}/g, " ")
    .replace(/[ \t\u3000]+$/gm, "");
  return s.trim();
}

function escape(ch: string): string {
  return ch.replace(/[()[\]]/g, "\\$&");
}
