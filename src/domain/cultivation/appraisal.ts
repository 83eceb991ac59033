// Democratic appraisal (民主评测): ballots, and the tally. A ballot carries a choice
// per person; storage keeps only counts per (person, choice), so no vote can be
// traced back to a code, let alone a voter.

export const APPRAISAL_CHOICE = {
  excellent: "优秀",
  competent: "称职",
  basic: "基本称职",
  incompetent: "不称职",
} as const;
export type AppraisalChoice = keyof typeof APPRAISAL_CHOICE;
export const CHOICES = Object.keys(APPRAISAL_CHOICE) as AppraisalChoice[];

/** Ballot codes: no 0/O, 1/I/L, so a code read off a printed sheet is typed right. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 8;

/** A code as typed (lower case, spaces, dashes) → its canonical form, or null if it cannot be one. */
export function normaliseCode(input: string): string | null {
  const s = input.normalize("NFKC").toUpperCase().replace(/[\s-]/g, "");
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** A code from random bytes (one byte per character; the bias of 256 % 31 is harmless here). */
export function codeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < CODE_LENGTH) throw new RangeError("need one byte per character");
  let s = "";
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
  return s;
}

/**
 * Check a ballot against the round: every person marked must be on it; a person
 * left unmarked is an abstention. Returns the marks or the problem, in Chinese.
 */
export function checkBallot(
  subjects: readonly { candidateId: number; name: string }[],
  marks: Record<string, string>,
): { ok: true; marks: { candidateId: number; choice: AppraisalChoice }[] } | { ok: false; problem: string } {
  const ids = new Set(subjects.map((s) => s.candidateId));
  const out: { candidateId: number; choice: AppraisalChoice }[] = [];
  for (const [key, value] of Object.entries(marks)) {
    const id = Number(key);
    if (!Number.isInteger(id) || !ids.has(id)) return { ok: false, problem: "选票上有不在本轮测评名单里的人，请重新打开选票页面填写。" };
    const choice = choiceOf(value);
    if (!choice) return { ok: false, problem: `“${String(value).slice(0, 10)}”不是可选的等次：请选优秀、称职、基本称职或不称职。` };
    out.push({ candidateId: id, choice });
  }
  if (!out.length) return { ok: false, problem: "选票是空的：请至少为一人选择等次。" };
  return { ok: true, marks: out };
}

/** A choice from its code or its Chinese label. */
export function choiceOf(value: string): AppraisalChoice | null {
  const s = String(value).trim();
  if (Object.hasOwn(APPRAISAL_CHOICE, s)) return s as AppraisalChoice;
  for (const c of CHOICES) if (APPRAISAL_CHOICE[c] === s) return c;
  return null;
}

export interface PersonTally {
  candidateId: number;
  name: string;
  votes: number;
  counts: Record<AppraisalChoice, number>;
  /** Share of each choice among the votes cast for the person, in whole per cent. */
  shares: Record<AppraisalChoice, number>;
  verdict: AppraisalChoice | null;
}

/**
 * The verdict on one person (a decision written down, as counties' rules vary):
 * 不称职 if more than a third of the votes say so; else 优秀 if at least half say 优秀;
 * else 称职 if 优秀 and 称职 together are at least half; else 基本称职. No votes: none.
 */
export function verdictOf(counts: Record<AppraisalChoice, number>): AppraisalChoice | null {
  const total = CHOICES.reduce((n, c) => n + counts[c], 0);
  if (!total) return null;
  if (counts.incompetent * 3 > total) return "incompetent";
  if (counts.excellent * 2 >= total) return "excellent";
  if ((counts.excellent + counts.competent) * 2 >= total) return "competent";
  return "basic";
}

/** The tally of a round from its stored counts: participation and, per person, the share of each choice. */
export function tally(
  subjects: readonly { candidateId: number; name: string }[],
  rows: readonly { candidateId: number; choice: AppraisalChoice; count: number }[],
  codes: { issued: number; used: number },
): { issued: number; used: number; participation: number; people: PersonTally[] } {
  const people = subjects.map((s): PersonTally => {
    const counts = { excellent: 0, competent: 0, basic: 0, incompetent: 0 } as Record<AppraisalChoice, number>;
    for (const r of rows) if (r.candidateId === s.candidateId) counts[r.choice] += r.count;
    const votes = CHOICES.reduce((n, c) => n + counts[c], 0);
    const shares = Object.fromEntries(CHOICES.map((c) => [c, votes ? Math.round((counts[c] * 100) / votes) : 0])) as Record<AppraisalChoice, number>;
    return { candidateId: s.candidateId, name: s.name, votes, counts, shares, verdict: verdictOf(counts) };
  });
  const participation = codes.issued ? Math.round((codes.used * 100) / codes.issued) : 0;
  return { issued: codes.issued, used: codes.used, participation, people };
}

/** "李娟：优秀 60%，称职 30%，基本称职 10%，不称职 0%（20票）→ 优秀" */
export function tallyLine(p: PersonTally): string {
  const shares = CHOICES.map((c) => `${APPRAISAL_CHOICE[c]} ${p.shares[c]}%`).join("，");
  return `${p.name}：${shares}（${p.votes}票）→ ${p.verdict ? APPRAISAL_CHOICE[p.verdict] : "无有效票"}`;
}
