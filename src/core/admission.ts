import type { ChatMessage } from "./chat-message.ts";

export type Admission = "drop" | "backlog" | "live";

/**
 * The one place that decides whether a message is answered:
 * - sent by the bot itself: dropped;
 * - sent before the current login (less a grace period): backlog a puppet
 *   replays after re-login — filed, never answered;
 * - otherwise live.
 */
export function admit(message: ChatMessage, readySince: Date | null, graceMs: number): Admission {
  if (message.fromSelf) return "drop";
  if (readySince && message.sentAt.getTime() < readySince.getTime() - graceMs) return "backlog";
  return "live";
}
