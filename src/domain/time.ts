/** People read times in Beijing time, whatever the server's zone. */
export const TIME_ZONE = "Asia/Shanghai";

const dateFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** 2026-11-27 */
export function formatDate(d: Date): string {
  return dateFmt.format(d).replace(/\//g, "-");
}


const partsFmt = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, hourCycle: "h23", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit", weekday: "short" });
const WEEKDAY_ZH: Record<string, string> = { Sun: "日", Mon: "一", Tue: "二", Wed: "三", Thu: "四", Fri: "五", Sat: "六" };

/** "11月27日（周五）" and "20:00", Beijing time. */
export function dayAndClock(d: Date): { day: string; clock: string } {
  const p: Record<string, string> = {};
  for (const part of partsFmt.formatToParts(d)) p[part.type] = part.value;
  return { day: `${p.month}月${p.day}日（周${WEEKDAY_ZH[p.weekday!]}）`, clock: `${p.hour}:${p.minute}` };
}

/** "2026-11-27 20:00", Beijing time. */
export function formatDateTime(d: Date): string {
  return `${formatDate(d)} ${dayAndClock(d).clock}`;
}
