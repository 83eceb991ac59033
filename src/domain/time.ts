/** People read times in Beijing time, whatever the server's zone. */
export const TIME_ZONE = "Asia/Shanghai";

const dateFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });
const dateTimeFmt = new Intl.DateTimeFormat("zh-CN", {
  timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
});

/** 2026-11-27 */
export function formatDate(d: Date): string {
  return dateFmt.format(d).replace(/\//g, "-");
}

/** 2026-11-27 20:05 */
export function formatDateTime(d: Date): string {
  return dateTimeFmt.format(d).replace(/\//g, "-");
}
