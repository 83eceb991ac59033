import { civil, dayNumber, wallClock } from "./zoned-time.ts";

/** People read times in Beijing time, whatever the server's zone. */
export const TIME_ZONE = "Asia/Shanghai";

const dateFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** 2026-11-27 */
export function formatDate(d: Date): string {
  return dateFmt.format(d).replace(/\//g, "-");
}


/** Sunday first, as Date.getDay() counts: "周" + WEEKDAY_NAMES[wd]. */
export const WEEKDAY_NAMES = ["日", "一", "二", "三", "四", "五", "六"];

/** "11月27日（周五）" and "20:00", Beijing time. */
export function dayAndClock(d: Date): { day: string; clock: string } {
  const w = wallClock(d.getTime(), TIME_ZONE);
  const wd = civil(dayNumber(w.y, w.m, w.d)).wd;
  const pad = (n: number) => String(n).padStart(2, "0");
  return { day: `${w.m}月${w.d}日（周${WEEKDAY_NAMES[wd]}）`, clock: `${pad(w.h)}:${pad(w.mi)}` };
}

/** "2026-11-27 20:00", Beijing time. */
export function formatDateTime(d: Date): string {
  return `${formatDate(d)} ${dayAndClock(d).clock}`;
}
