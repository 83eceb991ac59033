import { z } from "zod";
import type { ChatMessage, MessageKind } from "../../core/chat-message.ts";
import { sendFailed, type SendFailure } from "../../core/errors.ts";

/**
 * A callback body as the WeCom intelligent bot pushes it (only what we read; WeCom
 * adds fields freely). Checked with zod: a frame we cannot read is logged, not filed.
 */
const Text = z.object({ content: z.string() });
const MixedItem = z.object({ msgtype: z.string(), text: Text.optional() });
export const WecomBody = z.object({
  msgid: z.string().min(1),
  chatid: z.string().optional(),
  chattype: z.enum(["single", "group"]),
  from: z.object({ userid: z.string().min(1) }),
  create_time: z.number().optional(),
  msgtype: z.string(),
  text: Text.optional(),
  voice: Text.optional(),
  mixed: z.object({ msg_item: z.array(MixedItem) }).optional(),
  quote: z.object({ msgtype: z.string(), text: Text.optional() }).optional(),
});
export type WecomBody = z.infer<typeof WecomBody>;

const KIND: Record<string, MessageKind> = { text: "text", mixed: "text", image: "image", voice: "voice", file: "file", video: "video" };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The text with every "@BotName" WeCom puts into group messages taken out. */
export function stripBotMention(text: string, botName: string): string {
  return text.replace(new RegExp(`@${escapeRe(botName)}(?=[\\s\\u2005]|$)[\\s\\u2005]*`, "g"), "").trim();
}

/**
 * A WeCom bot callback as the bot's ChatMessage. WeCom gives a sender's userid and
 * no display name, so the userid stands as the name until the person is bound; other
 * members' @names stay in the text (WeCom sends no ids for them).
 */
export function toChatMessage(body: WecomBody, opts: { channel: string; botName: string; receivedAt: Date }): ChatMessage {
  const isGroup = body.chattype === "group" && !!body.chatid;
  let kind: MessageKind = KIND[body.msgtype] ?? "other";
  let text = "";
  if (body.msgtype === "text") text = body.text?.content ?? "";
  else if (body.msgtype === "voice") text = body.voice?.content ?? ""; // WeCom's own transcription
  else if (body.msgtype === "mixed") {
    const items = body.mixed?.msg_item ?? [];
    text = items.map((i) => i.text?.content ?? "").join("").trim();
    if (!text && items.some((i) => i.msgtype === "image")) kind = "image";
  }
  if (kind === "text" || kind === "voice") text = stripBotMention(text, opts.botName);
  const sender = body.from.userid;
  return {
    id: body.msgid,
    channel: opts.channel,
    conversation: isGroup ? { id: body.chatid!, topic: "", isGroup: true } : { id: sender, topic: sender, isGroup: false },
    sender: { id: sender, name: sender },
    kind,
    text,
    sentAt: body.create_time ? new Date(body.create_time * 1000) : opts.receivedAt,
    mentions: [],
    fromSelf: false,
  };
}

/** WeCom error codes that mean "too many, wait": API frequency and concurrency limits. */
const RATE_LIMIT_CODES = new Set([45009, 45033, 45035, 45047]);
/** Codes that mean the credentials no longer work. */
const CREDENTIAL_CODES = new Set([40001, 40014, 42001, 40082, 40083]);

/** How a WeCom answer reads: the SDK rejects with the ack frame `{errcode, errmsg}` or an Error. */
export function wecomFailureOf(err: unknown): SendFailure {
  const code = (err as { errcode?: unknown })?.errcode;
  if (typeof code === "number") return RATE_LIMIT_CODES.has(code) ? "rate_limited" : CREDENTIAL_CODES.has(code) ? "logged_out" : "failed";
  return /not connected|connection closed/i.test(String((err as Error)?.message ?? err)) ? "logged_out" : "failed";
}

/** A WeCom refusal as the channel's send failure, naming the code and never any key. */
export function wecomSendFailed(err: unknown): ReturnType<typeof sendFailed> {
  const e = err as { errcode?: number; errmsg?: string; message?: string };
  const detail = typeof e?.errcode === "number" ? `WeCom errcode ${e.errcode}: ${e.errmsg ?? ""}` : String(e?.message ?? err);
  return sendFailed(wecomFailureOf(err), detail, err);
}

/**
 * Text as it must read in WeCom markdown: what people wrote comes back in the bot's
 * messages (a reserve's words in /待办, a topic in a reminder), and there `<@userid>` or
 * `<@all>` would @-mention people, `<font …>` restyle, and `[点这里](…)` make a link in
 * the bot's voice. Angle brackets become full-width (＜ ＞, the same to a reader) and a
 * link's "](" is split by a zero-width space; other marks (** #) only change emphasis.
 */
export function markdownText(text: string): string {
  return text.replace(/</g, "＜").replace(/>/g, "＞").replace(/\]\(/g, "]\u200b(");
}

/** The outgoing text as WeCom markdown, @-mentions as `<@userid>` in front. */
export function toMarkdown(text: string, mentions: { id: string }[] = []): string {
  const at = mentions.map((m) => `<@${m.id}>`).join(" ");
  return at ? `${at} ${markdownText(text)}` : markdownText(text);
}
