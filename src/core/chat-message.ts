import { storable } from "../domain/text.ts";

/**
 * One message as every channel hands it to the bot: no Wechaty or WeCom types.
 *
 * @example
 * await bot.handle({ id: "m1", channel: "wechat", conversation: { id: "r1@chatroom", topic: "青山镇联系群", isGroup: true },
 *   sender: { id: "wxid_a", name: "李娟" }, kind: "text", text: "/帮助", sentAt: new Date(), mentions: [], fromSelf: false });
 */
export interface ChatMessage {
  /** The channel's own message id; (channel, id) identifies a message. */
  id: string;
  channel: string;
  conversation: { id: string; topic: string; isGroup: boolean };
  sender: { id: string; name: string };
  kind: MessageKind;
  /** Text as sent; for media, a short description such as "[图片]". */
  text: string;
  sentAt: Date;
  /** Members @-mentioned in the message, bot excluded. */
  mentions: { id: string; name: string }[];
  fromSelf: boolean;
}

/** Where a message goes: a group, or one person privately. */
export interface Conversation {
  id: string;
  isGroup: boolean;
}

export type MessageKind = "text" | "emoji" | "image" | "file" | "voice" | "video" | "link" | "other";

/** What the bot sends: text, optionally @-mentioning members of a group. */
export interface OutgoingMessage {
  text: string;
  mentions?: { id: string; name: string }[];
  /** The id of the message this answers (set by `ctx.reply`); a channel that can reply to a message does. */
  replyTo?: string;
}

export const MEDIA_PLACEHOLDER: Record<MessageKind, string> = {
  text: "",
  emoji: "[表情]",
  image: "[图片]",
  file: "[文件]",
  voice: "[语音]",
  video: "[视频]",
  link: "[链接]",
  other: "[其他消息]",
};

/** The message with every text field storable (see `storable`): what the bot files and answers. */
export function storableMessage(m: ChatMessage): ChatMessage {
  return {
    ...m,
    text: storable(m.text),
    conversation: { ...m.conversation, topic: storable(m.conversation.topic) },
    sender: { ...m.sender, name: storable(m.sender.name) },
    mentions: m.mentions.map((x) => ({ ...x, name: storable(x.name) })),
  };
}
