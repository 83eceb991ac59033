// How long before a one-off event (a training) its reminder goes out.
import { CN_NUMERAL, parseCnNumber } from "../cn-number.ts";

/** A one-off reminder may go out at most this long before its event. */
export const MAX_LEAD_MINUTES = 30 * 24 * 60;

const LEAD = new RegExp(`^(\\d+|${CN_NUMERAL})\\s*(天|日|个?小时|个?钟头|分钟|分)$`);

/**
 * How long before a one-off event its reminder goes: "1天", "两小时", "30分钟", "半天"
 * → minutes; null when the text is not such a duration or is out of range.
 */
export function parseLead(text: string): number | null {
  const s = text.normalize("NFKC").trim();
  if (s === "半天") return 12 * 60;
  if (s === "半小时" || s === "半个小时") return 30;
  const m = LEAD.exec(s);
  if (!m) return null;
  const n = parseCnNumber(m[1]!);
  if (n === null || n < 1) return null;
  const unit = m[2]!;
  const minutes = unit === "天" || unit === "日" ? n * 1440 : unit.startsWith("分") ? n : n * 60;
  return minutes <= MAX_LEAD_MINUTES ? minutes : null;
}
