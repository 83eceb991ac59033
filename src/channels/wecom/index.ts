// The WeCom channels a configuration asks for, each with its outbox pace.
import type { Channel } from "../../core/channel.ts";
import type { Logger } from "../../core/logger.ts";
import type { Config } from "../../config.ts";
import type { OutboxPolicy } from "../../domain/outbox-policy.ts";
import { WecomAppChannel } from "./app-channel.ts";
import { WecomBotChannel } from "./bot-channel.ts";
import { WecomCallback } from "./callback.ts";
import { robotPolicy, WecomRobotChannel } from "./robot-channel.ts";

/**
 * The intelligent bot when WECOM_BOT_ID is set, the group robots when WECOM_ROBOTS
 * is, a self-built app's callback when WECOM_CALLBACK_TOKEN is; none otherwise. The bot's pace is its own (WECOM_OUTBOX_INTERVAL_SECONDS, no
 * jitter or per-group spacing: an official bot need not look human); robots go at
 * WeCom's 20 a minute each.
 */
export function wecomChannels(config: Config, log: Logger): { channel: Channel; policy: OutboxPolicy }[] {
  const { bot, robots, robotUrl, intervalMs, callback } = config.wecom;
  const out: { channel: Channel; policy: OutboxPolicy }[] = [];
  if (bot) {
    out.push({
      channel: new WecomBotChannel({ ...bot, log: log.child({ channel: "wecom" }) }),
      policy: { ...config.outbox, intervalMs, jitterMs: 0, conversationIntervalMs: 0 },
    });
  }
  if (robots.length) {
    out.push({
      channel: new WecomRobotChannel({ robots, url: robotUrl, log: log.child({ channel: "wecom-robot" }) }),
      policy: robotPolicy(config.outbox),
    });
  }
  if (callback) {
    out.push({
      channel: new WecomAppChannel({ ...callback, callback: new WecomCallback(callback), log: log.child({ channel: "wecom-app" }) }),
      policy: { ...config.outbox, intervalMs, jitterMs: 0, conversationIntervalMs: 0 },
    });
  }
  return out;
}
