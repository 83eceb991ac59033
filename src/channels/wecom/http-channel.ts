import type { Channel } from "../../core/channel.ts";
import type { ChatMessage, Conversation, OutgoingMessage } from "../../core/chat-message.ts";

/**
 * A channel over plain HTTP calls, with no login or connection of its own (a robot's
 * webhook, an app's callback): ready from `start` to `stop`.
 */
export abstract class HttpChannel implements Channel {
  abstract readonly name: string;
  abstract readonly transport: string;
  protected startedAt: Date | null = null;

  abstract onMessage(handler: (message: ChatMessage) => Promise<void>): void;
  abstract send(to: Conversation, message: OutgoingMessage): Promise<void>;

  async start(): Promise<void> {
    this.startedAt = new Date();
  }

  async stop(): Promise<void> {
    this.startedAt = null;
  }

  isReady(): boolean {
    return this.startedAt !== null;
  }

  readySince(): Date | null {
    return this.startedAt;
  }
}
