// The reading machinery the phrase parser and the clock reader share: a cursor
// over the normalised text, and a rejection carrying the Chinese reason.
import { CN_NUMERAL, parseCnNumber } from "../cn-number.ts";

export class Reject {
  constructor(
    readonly reason: string,
    /** Whether the examples of what can be written are worth adding. */
    readonly examples = true,
  ) {}
}

export function reject(reason: string, examples = true): never {
  throw new Reject(reason, examples);
}

/** At most 20 characters of what the user typed, by code point. */
export function clip(s: string): string {
  const chars = [...s];
  return chars.length > 20 ? chars.slice(0, 20).join("") + "…" : s;
}

export class Cursor {
  constructor(
    readonly s: string,
    public pos = 0,
  ) {}
  /** Match an anchored regex at the cursor and move past it. */
  eat(re: RegExp): RegExpExecArray | null {
    const m = re.exec(this.s.slice(this.pos));
    if (m) this.pos += m[0].length;
    return m;
  }
  skipSpace(): void {
    this.eat(/^\s+/);
  }
  get done(): boolean {
    return this.pos >= this.s.length;
  }
  get rest(): string {
    return this.s.slice(this.pos);
  }
}

/** NFKC per character, remembering where each output character came from so the rest can be cut from the original. */
export function normaliseWithMap(text: string): { s: string; origin: number[] } {
  let s = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize("NFKC");
    for (let k = 0; k < n.length; k++) origin.push(i);
    s += n;
    i += ch.length;
  }
  origin.push(i);
  return { s, origin };
}

/** A small number in a phrase: one or two digits, or Chinese numerals (checked by `num`). */
export const NUM = `(\\d{1,2}(?!\\d)|${CN_NUMERAL})`;

export function num(s: string | undefined): number {
  const n = s === undefined ? null : parseCnNumber(s);
  return n ?? reject(`没看懂数字“${s ?? ""}”`);
}
