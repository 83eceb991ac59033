/** People read times in Beijing time, whatever the server's zone. */
export const TIME_ZONE = "Asia/Shanghai";

const dateFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** 2026-11-27 */
export function formatDate(d: Date): string {
  return dateFmt.format(d).replace(/\//g, "-");
}

