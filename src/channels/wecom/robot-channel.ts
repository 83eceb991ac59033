import { z } from "zod";
import type { ChatMessage, Conversation, OutgoingMessage } from "../../core/chat-message.ts";
import { sendFailed } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import type { OutboxPolicy } from "../../domain/outbox-policy.ts";
import { clipBytes } from "../../domain/text.ts";
import { markdownText, wecomFailureOf } from "./convert.ts";
import { WECOM_WEBHOOK_URL } from "./defaults.ts";
import { HttpChannel } from "./http-channel.ts";

/** WeCom's limits for a group robot: text ≤ 2048 bytes, markdown ≤ 4096 bytes, 20 messages a minute. */
export const ROBOT_TEXT_BYTES = 2048;
export const ROBOT_MARKDOWN_BYTES = 4096;
export const ROBOT_PER_MINUTE = 20;

/** A group's robot: its name (the conversation id Miaopu stores) and its secret webhook key. */
export interface WecomRobot {
  name: string;
  key: string;
}

export interface WecomRobotChannelOptions {
  robots: WecomRobot[];
  /** Default: WeCom's webhook address; tests give a loopback one. */
  url?: string;
  log: Logger;
  /** Channel name (default "wecom-robot"). */
  channel?: string;
  timeoutMs?: number;
}

/**
 * The outbox pace for group robots: each robot is one conversation, so the
 * per-conversation spacing is the per-robot limit (20 a minute → 3 s apart), while
 * different robots go one after another. A 45009 ("too frequent") pauses for about
 * a minute, as WeCom asks.
 */
export function robotPolicy(base: OutboxPolicy): OutboxPolicy {
  return { ...base, intervalMs: 0, jitterMs: 0, conversationIntervalMs: Math.ceil(60_000 / ROBOT_PER_MINUTE), rateLimitPauseMs: 60_000 };
}

const Answer = z.object({ errcode: z.number(), errmsg: z.string().optional() });

/**
 * WeCom group robots (群机器人): send-only, one webhook per group. Miaopu never hears
 * these groups; reminders, invitations and summaries can still go to them. A robot
 * is known by its name everywhere (database, outbox, logs); its key stays in this
 * object and in the configuration, and is never logged or shown.
 */
export class WecomRobotChannel extends HttpChannel {
  readonly name: string;
  readonly transport = "wecom-webhook";
  private readonly keys: Map<string, string>;

  constructor(private readonly opts: WecomRobotChannelOptions) {
    super();
    this.name = opts.channel ?? "wecom-robot";
    this.keys = new Map(opts.robots.map((r) => [r.name, r.key]));
  }

  /** The robots' names, as the groups are stored. */
  get robots(): string[] {
    return [...this.keys.keys()];
  }

  onMessage(_handler: (message: ChatMessage) => Promise<void>): void {
    // Robots only send: WeCom delivers nothing from their groups.
  }

  async send(to: Conversation, message: OutgoingMessage): Promise<void> {
    if (!this.startedAt) throw sendFailed("logged_out", "the WeCom robot channel is stopped");
    const key = this.keys.get(to.id);
    if (!key || !to.isGroup) throw sendFailed("failed", `no WeCom robot named ${to.id}`);
    const body = robotBody(message);
    let res: Response;
    try {
      res = await fetch(`${this.opts.url ?? WECOM_WEBHOOK_URL}?key=${encodeURIComponent(key)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      // Name the robot, never the URL: it holds the key.
      throw sendFailed("failed", `robot ${to.id}: ${(err as Error)?.name === "TimeoutError" ? "timed out" : "network error"}`);
    }
    const answer = Answer.safeParse(await res.json().catch(() => null));
    if (!res.ok || !answer.success) throw sendFailed(res.status === 429 ? "rate_limited" : "failed", `robot ${to.id}: HTTP ${res.status}`);
    if (answer.data.errcode !== 0) {
      throw sendFailed(wecomFailureOf(answer.data), `robot ${to.id}: WeCom errcode ${answer.data.errcode}: ${answer.data.errmsg ?? ""}`);
    }
  }
}

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/**
 * A message as a robot's JSON: text with `mentioned_list` (the mentioned WeCom
 * userids) when it fits 2048 bytes; longer, markdown (no @-mentions there) up to 4096.
 */
export function robotBody(message: OutgoingMessage): Record<string, unknown> {
  const mentioned = (message.mentions ?? []).map((m) => m.id);
  if (bytes(message.text) <= ROBOT_TEXT_BYTES) {
    return { msgtype: "text", text: { content: message.text, ...(mentioned.length ? { mentioned_list: mentioned } : {}) } };
  }
  return { msgtype: "markdown", markdown: { content: clipBytes(markdownText(message.text), ROBOT_MARKDOWN_BYTES) } };
}
