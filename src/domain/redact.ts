// Personal numbers out of text that leaves the group: what is sent to a language
// model, exported, or shown beyond the person's own cadres. People type these
// numbers as they read them off a card — in groups, with spaces or dashes, from a
// Chinese keyboard in full-width digits — so the digits are read across those.

export const PLACEHOLDER = { mobile: "[手机号]", idCard: "[身份证号]", bankCard: "[银行卡号]" } as const;

// A run of digits (half- or full-width); an ID card may end in X.
const DIGIT_RUN = /[0-9０-９]+([XxＸｘ](?![A-Za-z]))?/g;
// What may stand between two groups of one number: one space or dash.
const GROUP_GAP = /^[ \-\u00A0\u2005\u3000－—]$/;

interface Run {
  start: number;
  end: number;
  digits: string;
}

const halfWidth = (s: string) => s.replace(/[０-９ＸｘXx]/g, (c) => (/[ＸｘXx]/.test(c) ? "X" : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

function kindOf(groups: readonly string[]): keyof typeof PLACEHOLDER | undefined {
  const digits = groups.join("");
  if (/^(86)?1[3-9]\d{9}$/.test(digits)) return "mobile";
  if (isIdCard(digits)) return "idCard";
  if (/^\d{16,19}$/.test(digits) && (groups.length === 1 || looksGroupedLikeACard(groups))) return "bankCard";
  return undefined;
}

// Cards are printed in fours and start 3–6 (the card networks); a list of years
// ("2023 2024 2025 2026") adds up to as many digits but is no card. Four amounts
// in fours starting 3–6 would still be taken for one: better than letting a card
// through, and a Luhn check cannot decide, since people type made-up or mistyped numbers.
const looksGroupedLikeACard = (groups: readonly string[]) => /^[3-6]/.test(groups[0]!) && groups.slice(0, -1).every((g) => g.length === 4);

/** 18 characters: region (first digit 1–9), a birth date that exists, sequence, check digit or X. */
function isIdCard(s: string): boolean {
  const m = /^[1-9]\d{5}((?:19|20)\d{2})(\d{2})(\d{2})\d{3}[\dX]$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Replaces mainland mobile numbers, 18-digit ID-card numbers and 16–19-digit bank-card
 * numbers with placeholders; years, dates, amounts and other short numbers stay.
 *
 * @example
 * redactPersonalNumbers("电话 138 1234 5678，卡号6222-0212-3456-7890-123，2024年交了3000元")
 * // → "电话 [手机号]，卡号[银行卡号]，2024年交了3000元"
 */
export function redactPersonalNumbers(text: string): string {
  const runs: Run[] = [...text.matchAll(DIGIT_RUN)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: halfWidth(m[0]) }));
  // Runs joined by a single space or dash may be the groups of one number.
  const joinable = (a: Run, b: Run) => !a.digits.endsWith("X") && GROUP_GAP.test(text.slice(a.end, b.start));
  let out = "";
  let copied = 0;
  for (let i = 0; i < runs.length; ) {
    let last = i;
    while (last + 1 < runs.length && joinable(runs[last]!, runs[last + 1]!)) last++;
    // The longest stretch of groups from here that reads as a personal number.
    let found: { to: number; kind: keyof typeof PLACEHOLDER } | undefined;
    for (let to = last; to >= i && !found; to--) {
      const kind = kindOf(runs.slice(i, to + 1).map((r) => r.digits));
      if (kind) found = { to, kind };
    }
    if (!found) {
      i++;
      continue;
    }
    const start = runs[i]!.start - (found.kind === "mobile" && text[runs[i]!.start - 1] === "+" ? 1 : 0);
    out += text.slice(copied, start) + PLACEHOLDER[found.kind];
    copied = runs[found.to]!.end;
    i = found.to + 1;
  }
  return out + text.slice(copied);
}
