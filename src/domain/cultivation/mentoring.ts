// Mentoring (结对帮带): the four kinds of help a contact is tagged with, and which
// pairs have gone quiet. A mentor is a relation, not a role.
import { DAY_MS } from "../zoned-time.ts";

export const MENTOR_TAG = {
  political: "政治上帮",
  thinking: "思想上带",
  experience: "经验上传",
  method: "方法上教",
} as const;
export type MentorTag = keyof typeof MENTOR_TAG;

/** Short forms people write: "#政治" or "政治上帮" anywhere in the note. */
const TAG_WORDS: [RegExp, MentorTag][] = [
  [/政治上帮|#政治/, "political"],
  [/思想上带|#思想/, "thinking"],
  [/经验上传|#经验/, "experience"],
  [/方法上教|#方法/, "method"],
];

/** The tags named in a contact note. `mentorTags("谈了合作社 #经验")` → ["experience"]. */
export function mentorTags(note: string): MentorTag[] {
  return TAG_WORDS.filter(([re]) => re.test(note)).map(([, t]) => t);
}

export const STALE_PAIR_DAYS = 60;

/** Days since a pair's last contact (or its start, when none yet). */
export function quietDays(pair: { startedAt: Date; lastContactAt: Date | null }, now: Date): number {
  const since = pair.lastContactAt ?? pair.startedAt;
  return Math.floor((now.getTime() - since.getTime()) / DAY_MS);
}

/** Pairs with no contact for `days` days: flagged to the organiser. */
export function stalePairs<T extends { startedAt: Date; lastContactAt: Date | null }>(pairs: readonly T[], now: Date, days = STALE_PAIR_DAYS): T[] {
  return pairs.filter((p) => quietDays(p, now) >= days);
}
