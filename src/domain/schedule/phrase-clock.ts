// The time of day in a phrase: "20:00", "晚上8点", "八点半", "下午3点15分", "七点一刻".
import { CN_NUMERAL } from "../cn-number.ts";
import { type Cursor, num, NUM, reject } from "./phrase-cursor.ts";

const PERIOD = /^(上午|早上|早晨|清晨|凌晨|早|中午|下午|傍晚|晚上|夜里|夜间|晚)/;
const MORNING = new Set(["上午", "早上", "早晨", "清晨", "凌晨", "早"]);

/** Read the clock at the cursor; `defaultPeriod` comes from the day ("明晚", "每晚"). */
export function readClock(c: Cursor, defaultPeriod: string | undefined): { hour: number; minute: number } {
  const p = c.eat(PERIOD);
  c.skipSpace();
  const period = p?.[1] ?? defaultPeriod;
  let m = c.eat(/^(\d{1,2}):(\d{2})(?!\d)/);
  if (m) return { hour: applyPeriod(period, num(m[1])), minute: checkMinute(num(m[2])) };
  m = c.eat(new RegExp(`^${NUM}\\s*(?:点|时)钟?`));
  if (!m) return reject("请写上几点，比如 20:00 或 晚上8点");
  const hour = applyPeriod(period, num(m[1]));
  if (c.eat(/^半/)) return { hour, minute: 30 };
  if (c.eat(/^[一1]刻/)) return { hour, minute: 15 };
  if (c.eat(/^[三3]刻/)) return { hour, minute: 45 };
  if (c.eat(/^整/)) return { hour, minute: 0 };
  const start = c.pos;
  const digits = c.eat(/^(\d{1,2})(?!\d)分?/);
  if (digits) return { hour, minute: checkMinute(num(digits[1])) };
  const cn = c.eat(new RegExp(`^(${CN_NUMERAL})(分)?`));
  // Without 分 only "十五", "二十", "零五" read as minutes; "8点一起…" is 8:00 followed by text.
  if (cn && (cn[2] || /十|^[零〇]/.test(cn[1]!))) return { hour, minute: checkMinute(num(cn[1])) };
  c.pos = start;
  return { hour, minute: 0 };
}

function applyPeriod(period: string | undefined, hour: number): number {
  if (hour > 23) reject(`没有${hour}点，小时要在0到23之间`);
  if (period === undefined) return hour;
  if (period === "中午") {
    if (hour >= 11 && hour <= 14) return hour;
    if (hour >= 1 && hour <= 2) return hour + 12;
    return reject(`“中午${hour}点”没看懂`);
  }
  if (MORNING.has(period)) {
    if (period === "凌晨" && hour === 12) return 0;
    if (hour <= 12) return hour;
    return reject(`“${period}${hour}点”对不上`);
  }
  if (hour >= 1 && hour <= 11) return hour + 12;
  if (hour === 0 || hour === 12) reject(`“${period}${hour}点”有歧义，请写成 0:00 或 12:00`);
  return hour;
}

function checkMinute(minute: number): number {
  if (minute > 59) reject(`没有${minute}分，分钟要在0到59之间`);
  return minute;
}
