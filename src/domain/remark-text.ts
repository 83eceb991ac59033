// What the recogniser reads of a chat message: the words, without the WeChat
// furniture around them. A mention becomes one marker and so does an emoji or a
// sticker ([捂脸], [强]), since "水又停了😡" and "水又停了😤" differ by the words —
// except the few that say how a message is meant: laughing, thumbs up, thanks, red packets.

/** Marker for an @-mention (a full-width @: NFKC has folded any the sender typed). */
export const MENTION = "＠";
/** Marker for any other emoji or sticker (likewise a full-width *). */
export const EMOJI = "＊";

// Emoji and stickers that carry a meaning, each folded to one of its own.
const TELLING: [RegExp, string][] = [
  [/😂|🤣|😆|😄|😁|😀|😃|😅|\[(捂脸|笑哭|破涕为笑|偷笑|坏笑|呲牙|憨笑|奸笑|嘿哈|旺柴|facepalm)\]/giu, "😂"],
  [/👍|\[(强|赞|good|thumbsup)\]/giu, "👍"],
  [/🙏|\[(抱拳|合十|拜托|谢谢)\]/giu, "🙏"],
  [/🧧|\[(红包|发)\]/giu, "🧧"],
];
const KEPT = new Set(TELLING.map(([, e]) => e));
// WeChat writes stickers as a short bracketed name: [捂脸] [强] [OK] [Facepalm].
const STICKER = /\[[\p{Script=Han}a-zA-Z]{1,10}\]/gu;
// A mention runs to the next space (WeChat puts U+2005 after it) or the end.
const MENTION_RE = /@[^\s@\u2005]{1,20}[\s\u2005]?/gu;
const EMOJI_RE = /\p{Extended_Pictographic}(\uFE0F|\u200D\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}])*/gu;
const PUNCT: Record<string, string> = { "。": ".", "、": ",", "；": ",", ";": ",", "～": "~", "…": "." };

/**
 * `normaliseRemark("@王书记 水又停了[捂脸]！！")` → "＠水又停了😂!"
 * (full-width forms folded, lower case, runs of the same mark collapsed).
 */
export function normaliseRemark(text: string): string {
  let s = text.normalize("NFKC").toLowerCase().replace(MENTION_RE, MENTION);
  for (const [re, emoji] of TELLING) s = s.replace(re, emoji);
  return s
    .replace(STICKER, EMOJI)
    .replace(EMOJI_RE, (e) => (KEPT.has(e) ? e : EMOJI))
    .replace(/[。、；;～…]/g, (c) => PUNCT[c] ?? c)
    .replace(/\.{2,}/g, ".")
    .replace(/\s+/g, " ")
    .replace(/([!?,.~＊😂👍🙏🧧])\1+/gu, "$1")
    .trim();
}

/** The words alone: no markers, emoji, punctuation or spaces. "哈哈[捂脸]！" → "哈哈". */
export function wordsOf(normalised: string): string {
  return normalised.replace(/[\s\p{P}\p{S}\p{Extended_Pictographic}]/gu, "");
}
