// The period of an on-demand digest, as cadres write it: "上周", "本周", "近30天",
// "2026-11-01~2026-11-07", "11月1日至11月7日" (this year), "2026/11/01 2026/11/07".
// Days are whole days in Beijing time; the end day is included.
import { weekOf } from "./study-week.ts";
import { TIME_ZONE } from "./time.ts";
import { DAY_MS, validDate, wallClock, zonedToUtc } from "./zoned-time.ts";

export const PERIOD_EXAMPLES = "上周、本周、近30天、2026-11-01~2026-11-07、11月1日至11月7日";

export type PeriodResult = { ok: true; from: Date; to: Date } | { ok: false; error: string };

const DATE = /(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/g;

/** `parsePeriod("", now)` is the last seven days. */
export function parsePeriod(text: string, now: Date, timeZone: string = TIME_ZONE): PeriodResult {
  const s = text.normalize("NFKC").replace(/\s+/g, " ").trim();
  if (!s || s === "近7天" || s === "最近一周") return { ok: true, from: new Date(now.getTime() - 7 * DAY_MS), to: now };
  if (s === "本周") return { ok: true, from: weekOf(now, timeZone).start, to: now };
  if (s === "上周") {
    const w = weekOf(new Date(weekOf(now, timeZone).start.getTime() - DAY_MS), timeZone);
    return { ok: true, from: w.start, to: w.end };
  }
  const recent = /^(?:近|最近)(\d{1,3})天$/.exec(s);
  if (recent) {
    const days = Number(recent[1]);
    if (days < 1 || days > 366) return { ok: false, error: "天数请写 1 到 366。" };
    return { ok: true, from: new Date(now.getTime() - days * DAY_MS), to: now };
  }
  const year = wallClock(now.getTime(), timeZone).y;
  const dates = [...s.matchAll(DATE)];
  const rest = s.replace(DATE, "").replace(/[~～至到—\-\s]/g, "");
  if (dates.length !== 2 || rest) return { ok: false, error: `看不懂时间段“${s}”。` };
  const [a, b] = dates.map((m) => ({ y: m[1] ? Number(m[1]) : year, m: Number(m[2]), d: Number(m[3]) }));
  for (const x of [a!, b!]) if (!validDate(x.y, x.m, x.d)) return { ok: false, error: `没有${x.y}年${x.m}月${x.d}日这一天。` };
  const from = zonedToUtc(a!.y, a!.m, a!.d, 0, 0, timeZone);
  const to = zonedToUtc(b!.y, b!.m, b!.d, 0, 0, timeZone) + DAY_MS;
  if (to <= from) return { ok: false, error: "结束日期不能早于开始日期。" };
  if (to - from > 366 * DAY_MS) return { ok: false, error: "时间段最长一年。" };
  return { ok: true, from: new Date(from), to: new Date(to) };
}
