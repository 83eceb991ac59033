// A cron line in the words an organiser would use ("每周一、三、五 20:00",
// "每月第二个周二 9:00"); lines that do not read naturally are quoted as they are.
import { formatCnNumber } from "../cn-number.ts";
import { WEEKDAY_NAMES } from "../time.ts";
import { checkCron, type Cron } from "./cron.ts";

/** Weekdays in the order people list them: Monday first, Sunday last. */
export const MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0];

/** "9:05" */
export function clock(hour: number, minute: number): string {
  return `${hour}:${String(minute).padStart(2, "0")}`;
}

/**
 * "0 20 * * 1,3,5" → "每周一、三、五 20:00"; "0 9 * * 2#2" → "每月第二个周二 9:00";
 * "0 15 * * 4L" → "每月最后一个周四 15:00"; with `{ n: 2 }`, "0 10 * * 0" → "每两周的周日 10:00".
 * Lines it cannot put in words are quoted: "按 cron 表达式“*\/15 9-17 * * 1-5”".
 */
export function describeCron(expr: string, everyWeeks?: { n: number }): string {
  const [mi, h, dom, month, dow] = expr.split(" ") as [string, string, string, string, string];
  const every = everyWeeks && everyWeeks.n > 1 ? `每${everyWeeks.n === 2 ? "两" : formatCnNumber(everyWeeks.n)}周` : null;
  const fallback = `${every ? `${every}，` : ""}按 cron 表达式“${expr}”`;
  const cron = checkCron(expr);
  if (typeof cron === "string" || !/^\d+$/.test(mi) || !/^\d+$/.test(h) || month !== "*") return fallback;
  let days: string | null = null;
  if (dom === "*") days = every ? everyNthWeek(every, cron) : describeWeekdays(cron);
  else if (dow === "*" && !every) {
    const d = /^(\d+)(L?)$/.exec(dom);
    if (dom === "L") days = "每月最后一天";
    // A plain 29–31 skips short months; only the "dL" form means "every month".
    else if (d && (d[2] === "L" || Number(d[1]) <= 28)) days = `每月${Number(d[1])}日`;
  }
  return days ? `${days} ${clock(Number(h), Number(mi))}` : fallback;
}

function describeWeekdays(c: Cron): string | null {
  const { nthWeekdays: nth, lastWeekdays: last } = c;
  if (nth.length + last.size > 0) {
    if (c.weekdays.size > 0 || nth.length + last.size > 1) return null;
    if (nth[0]) return `每月第${formatCnNumber(nth[0].n)}个周${WEEKDAY_NAMES[nth[0].weekday]}`;
    return `每月最后一个周${WEEKDAY_NAMES[[...last][0]!]}`;
  }
  const set = c.weekdays;
  if (set.size === 7) return "每天";
  if (set.size === 5 && [1, 2, 3, 4, 5].every((d) => set.has(d))) return "工作日";
  if (set.size === 2 && set.has(0) && set.has(6)) return "每周末";
  return "每周" + weekdayList(set);
}

function everyNthWeek(every: string, c: Cron): string | null {
  const set = c.weekdays;
  if (c.nthWeekdays.length || c.lastWeekdays.size || set.size === 7) return null;
  if (set.size === 5 && [1, 2, 3, 4, 5].every((d) => set.has(d))) return `${every}的工作日`;
  if (set.size === 2 && set.has(0) && set.has(6)) return `${every}的周末`;
  return `${every}的周${weekdayList(set)}`;
}

/** {1,3,5} → "一、三、五". */
function weekdayList(set: Set<number>): string {
  return MONDAY_FIRST.filter((d) => set.has(d))
    .map((d) => WEEKDAY_NAMES[d])
    .join("、");
}
