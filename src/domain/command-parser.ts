// Pure parsing of chat commands. Accepts full-width and half-width forms,
// a leading @mention of the bot, and the Chinese IME's "、" for "/".

export interface ParsedCommand {
  /** The command name as typed, normalised (NFKC, lower case). */
  name: string;
  /** Everything after the name, as typed (keeps the user's punctuation). */
  rest: string;
}

const PREFIX = /^[/／、]/;

/** Remove leading "@someone" tokens (WeChat separates them with U+2005). */
export function stripLeadingMentions(text: string): string {
  let s = text.trimStart();
  while (s.startsWith("@") || s.startsWith("＠")) {
    const m = /^[@＠][^\s\u2005]*[\s\u2005]+/.exec(s);
    if (!m) return s;
    s = s.slice(m[0].length).trimStart();
  }
  return s;
}

/**
 * Split "/反馈 路灯坏了" into { name: "反馈", rest: "路灯坏了" }. When the name runs
 * into its text with no space ("/反馈路灯坏了"), the longest known name that
 * starts the token wins. Returns null when the text is not a command.
 */
export function parseCommand(text: string, knownNames: readonly string[] = []): ParsedCommand | null {
  const s = stripLeadingMentions(text);
  if (!PREFIX.test(s)) return null;
  const body = s.slice(1);
  const m = /^(\S*)/.exec(body)!;
  const token = m[1]!;
  const name = normalise(token);
  if (!name) return null;
  const rest = body.slice(token.length).trim();
  if (knownNames.includes(name)) return { name, rest };
  const prefix = [...knownNames].sort((a, b) => b.length - a.length).find((k) => /[^\x00-\x7f]/.test(k) && name.startsWith(k));
  if (prefix) return { name: prefix, rest: (token.slice(prefix.length) + " " + rest).trim() };
  return { name, rest };
}

export function normalise(s: string): string {
  return s.normalize("NFKC").toLowerCase().trim();
}

/** Split on any whitespace, full-width space included. */
export function tokens(rest: string): string[] {
  return rest.split(/[\s\u3000\u2005]+/).filter(Boolean);
}

/**
 * "张三 村=青山村 类别：大学生" → { positional: ["张三"], fields: { 村: "青山村", 类别: "大学生" } }.
 * Keys and separators may be full-width; values keep what the user typed.
 */
export function keyValues(rest: string): { positional: string[]; fields: Record<string, string> } {
  const positional: string[] = [];
  const fields: Record<string, string> = {};
  for (const t of tokens(rest)) {
    const m = /^([^=＝:：]+)[=＝:：](.*)$/.exec(t);
    if (m && m[2] !== "") fields[normalise(m[1]!)] = m[2]!.trim();
    else positional.push(t);
  }
  return { positional, fields };
}

/** "#12", "＃12", "12", "12号" → 12. */
export function itemNumber(token: string | undefined): number | undefined {
  if (!token) return undefined;
  const m = /^#?(\d{1,9})号?$/.exec(normalise(token));
  return m ? Number(m[1]) : undefined;
}

/** Remove "@name" for each mentioned member (names may contain spaces). */
export function withoutMentions(rest: string, mentions: readonly { name: string }[]): string {
  let s = rest;
  for (const m of mentions) s = s.split(`@${m.name}`).join(" ").split(`＠${m.name}`).join(" ");
  return s.replace(/[\s\u2005]+/g, " ").trim();
}
