// Text as people see it: WeChat text is full of emoji, which are two UTF-16 units;
// cutting between them leaves half a character that PostgreSQL refuses to store.

/** At most `max` characters (code points), with "…" when cut. `clip("你好👋世界", 3)` → "你好👋…". */
export function clip(text: string, max: number, ellipsis = "…"): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max).join("") + ellipsis : text;
}

/**
 * At most `maxBytes` of UTF-8 (platforms count bytes: WeCom's 2048/4096), cut between
 * characters, with `marker` (counted in) when cut.
 */
export function clipBytes(text: string, maxBytes: number, marker = "…（内容过长，已截断）"): string {
  const bytes = (s: string) => Buffer.byteLength(s, "utf8");
  if (bytes(text) <= maxBytes) return text;
  let room = maxBytes - bytes(marker);
  let out = "";
  for (const ch of text) {
    room -= bytes(ch);
    if (room < 0) break;
    out += ch;
  }
  return out + marker;
}

/** Characters (code points), not UTF-16 units. */
export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** One line of at most `max` characters: whitespace folded, "…" when cut. */
export function excerpt(text: string, max = 30): string {
  return clip(text.replace(/\s+/g, " "), max);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as PostgreSQL can store it: a lone half of a surrogate pair (from a client that
 * cut an emoji, or a forged message) becomes U+FFFD, and NUL, which no text column
 * accepts, is dropped. `storable("路灯\0坏了")` → "路灯坏了".
 */
export function storable(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replaceAll("\0", "");
}

/**
 * A list as a chat reply can carry it: at most `max` lines, then one line with the
 * count and where to see the rest. `cutLines(rows, 15, "完整列表：GET /api/schedules")`.
 */
export function cutLines(lines: readonly string[], max: number, whereAll: string): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `……共${lines.length}条，这里只列出前${max}条。${whereAll}`];
}
