import type { Message } from "wechaty";
import { types } from "wechaty-puppet";
import type { ChatMessage, MessageKind } from "../../core/chat-message.ts";

const KIND: Partial<Record<types.Message, MessageKind>> = {
  [types.Message.Text]: "text",
  [types.Message.Emoticon]: "emoji",
  [types.Message.Image]: "image",
  [types.Message.Attachment]: "file",
  [types.Message.Audio]: "voice",
  [types.Message.Video]: "video",
  [types.Message.Url]: "link",
  [types.Message.MiniProgram]: "link",
};

/** A Wechaty message as the bot's ChatMessage. */
export async function toChatMessage(msg: Message, channel: string): Promise<ChatMessage> {
  const room = msg.room();
  const talker = msg.talker();
  const kind = KIND[msg.type()] ?? "other";
  const mentions = room ? await msg.mentionList().catch(() => []) : [];
  const selfId = msg.wechaty.currentUser.id;
  return {
    id: msg.id,
    channel,
    conversation: room
      ? { id: room.id, topic: await room.topic().catch(() => ""), isGroup: true }
      : { id: talker.id, topic: talker.name(), isGroup: false },
    sender: { id: talker.id, name: talker.name() },
    kind,
    text: kind === "text" ? msg.text() : "",
    sentAt: msg.date(),
    mentions: mentions.filter((c) => c.id !== selfId).map((c) => ({ id: c.id, name: c.name() })),
    fromSelf: msg.self(),
  };
}
