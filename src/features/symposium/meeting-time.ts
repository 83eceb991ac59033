// The day and the time an organiser types after /座谈会 定: pure parsers, tested alone.
import { isoOf, type IsoDate } from "../../domain/symposium/calendar-day.ts";
import { validDate } from "../../domain/zoned-time.ts";

/** "2027-02-09", "2027年2月9日", "2月9日", "2.9" → a day in (or nearest to) the campaign's window. */
export function meetingDate(token: string, window: { start: IsoDate; end: IsoDate }): IsoDate | null {
  const s = token.normalize("NFKC");
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(s);
  if (m) return validDate(+m[1]!, +m[2]!, +m[3]!) ? isoOf(+m[1]!, +m[2]!, +m[3]!) : null;
  m = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(s);
  if (!m) return null;
  const years = [...new Set([+window.start.slice(0, 4), +window.end.slice(0, 4)])];
  const options = years.filter((y) => validDate(y, +m![1]!, +m![2]!)).map((y) => isoOf(y, +m![1]!, +m![2]!));
  return options.find((d) => d >= window.start && d <= window.end) ?? options[0] ?? null;
}

/** "14:00", "14：30", "9点", "下午2点半" → minutes after midnight. */
export function meetingTime(token: string): number | null {
  const s = token.normalize("NFKC");
  let m = /^(\d{1,2})[:：](\d{2})$/.exec(s);
  if (m) return +m[1]! <= 23 && +m[2]! <= 59 ? +m[1]! * 60 + +m[2]! : null;
  m = /^(上午|早上|中午|下午|晚上)?(\d{1,2})点(半|\d{1,2}分?)?$/.exec(s);
  if (!m) return null;
  let h = +m[2]!;
  if ((m[1] === "下午" || m[1] === "晚上") && h < 12) h += 12;
  const mi = m[3] === "半" ? 30 : m[3] ? parseInt(m[3], 10) : 0;
  return h <= 23 && mi <= 59 ? h * 60 + mi : null;
}
