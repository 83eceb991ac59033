// The features the recogniser's model weighs: character 1- and 2-grams of the
// normalised message, with ^ and $ at its ends so "^收到" differs from "没收到"
// (trigrams did no better in cross-validation on the corpus and doubled the file),
// one feature per cue group of the lexicon that matches (and one more where it
// matches twice or more), and the length bucket.
import { CUES, type CueName } from "./remark-lexicon.ts";
import { wordsOf } from "./remark-text.ts";

// Global copies, to count how many times a group matches: two cues say more than one.
const CUE_ENTRIES = (Object.entries(CUES) as [CueName, RegExp][]).map(([name, re]) => [name, new RegExp(re.source, "gu")] as const);
const LENGTH_BUCKETS = [2, 4, 8, 15, 30, 60];
const MAX_GRAM = 2;
const TYPICAL_GRAMS = 30;

/** Features of a message and their values; a feature not there is 0. */
export type Features = ReadonlyMap<string, number>;

/**
 * Features of an already normalised message.
 * `remarkFeatures("水又停了")` has "g:^水", "g:又停", "k:complaint", "len:4".
 */
export function remarkFeatures(normalised: string): Features {
  const grams = new Set<string>();
  const chars = ["^", ...normalised.replace(/\s+/g, ""), "$"];
  for (let i = 0; i < chars.length; i++) {
    let gram = "";
    for (let n = 0; n < MAX_GRAM && i + n < chars.length; n++) {
      gram += chars[i + n];
      // The lone ends say nothing; the grams that touch them do.
      if (gram !== "^" && gram !== "$") grams.add(`g:${gram}`);
    }
  }
  const out = new Map<string, number>();
  // Scaled so a long message's many grams do not outvote a short one's few:
  // "网又断了" has as much to say as a paragraph. A typical message keeps about 1.
  const gramValue = Math.sqrt(TYPICAL_GRAMS / Math.max(1, grams.size));
  for (const g of grams) out.set(g, gramValue);
  for (const [name, re] of CUE_ENTRIES) {
    const hits = [...normalised.matchAll(re)].length;
    if (hits > 0) out.set(`k:${name}`, 1);
    if (hits > 1) out.set(`k:${name}+`, 1);
  }
  const len = [...wordsOf(normalised)].length;
  out.set(`len:${LENGTH_BUCKETS.find((b) => len <= b) ?? "long"}`, 1);
  return out;
}
