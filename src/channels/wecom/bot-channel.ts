import { randomUUID } from "node:crypto";
// Types only: the SDK (with ws, ~0.17 s and 27 MB) loads when the channel starts, so a
// county without WeCom never loads it (bench section `process`).
import type { WSClient, WsFrame } from "@wecom/aibot-node-sdk";
import type { Channel } from "../../core/channel.ts";
import type { ChatMessage, Conversation, OutgoingMessage } from "../../core/chat-message.ts";
import { sendFailed } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { clipBytes } from "../../domain/text.ts";
import { toChatMessage, toMarkdown, WecomBody, wecomSendFailed } from "./convert.ts";
import { WECOM_WS_URL } from "./defaults.ts";

export interface WecomBotChannelOptions {
  botId: string;
  secret: string;
  /** The bot's name in WeCom: groups write "@name" before what they say to it. */
  botName: string;
  /** Default: WeCom's own long-connection address; tests give a loopback one. */
  wsUrl?: string;
  log: Logger;
  /** Channel name stored with every message (default "wecom"). */
  channel?: string;
  /** A message may be answered as a reply to it for this long; later, the bot sends on its own (default 30 s). */
  replyWindowMs?: number;
  heartbeatMs?: number;
  reconnectMs?: number;
}

/**
 * The WeCom intelligent bot (智能机器人) over its long connection, through the official
 * SDK: transport only. It sees every single-chat message and, in groups, only those
 * that @-mention it. The first answer to a message within the reply window goes back
 * as WeCom's reply to it (`aibot_respond_msg`); anything else — further answers,
 * reminders, summaries — is sent on the bot's own (`aibot_send_msg`). A lost connection makes it not ready, so the outbox halts and
 * alerts until the SDK has reconnected; when WeCom says another connection took the
 * bot over, it stays down rather than fight it.
 */
export class WecomBotChannel implements Channel {
  readonly name: string;
  readonly transport = "wecom-aibot";
  /** The SDK's client, made on the first start. */
  private client: WSClient | null = null;
  private handler: ((m: ChatMessage) => Promise<void>) | null = null;
  private loginAt: Date | null = null;
  private stopped = false;
  /** Another connection holds the bot (disconnected_event); set until restarted. */
  takenOver = false;
  /** Messages that may still be answered as a reply to them, by message id. */
  private readonly replyable = new Map<string, { frame: Pick<WsFrame, "headers">; at: number }>();
  private readonly replyWindowMs: number;

  constructor(private readonly opts: WecomBotChannelOptions) {
    this.name = opts.channel ?? "wecom";
    this.replyWindowMs = opts.replyWindowMs ?? 30_000;
  }

  private async connectClient(): Promise<WSClient> {
    if (this.client) return this.client;
    const { WSClient } = await import("@wecom/aibot-node-sdk");
    const opts = this.opts;
    const log = opts.log;
    // The SDK's own chatter goes to debug; what matters is logged below, once.
    const sdkLog = (level: "debug" | "warn") => (message: string, ...args: unknown[]) =>
      log[level](`wecom sdk: ${message}`, args.length ? { args: args.map((a) => String(a)).slice(0, 3) } : undefined);
    this.client = new WSClient({
      botId: opts.botId,
      secret: opts.secret,
      wsUrl: opts.wsUrl ?? WECOM_WS_URL,
      heartbeatInterval: opts.heartbeatMs ?? 30_000,
      reconnectInterval: opts.reconnectMs ?? 1_000,
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: -1,
      logger: { debug: sdkLog("debug"), info: sdkLog("debug"), warn: sdkLog("debug"), error: sdkLog("warn") },
    });
    this.client.on("authenticated", () => {
      this.loginAt = new Date();
      log.info("wecom bot connected", { botId: opts.botId });
    });
    this.client.on("disconnected", (reason) => {
      if (this.loginAt) log.warn("wecom bot disconnected", { reason });
      this.loginAt = null;
    });
    const errors = new Map<string, number>();
    this.client.on("error", (err) => {
      // A wrong secret repeats on every retry: log each distinct error at most once a minute.
      const key = String(err?.message ?? err);
      const now = Date.now();
      if (now - (errors.get(key) ?? 0) < 60_000) return;
      errors.set(key, now);
      log.error("wecom bot error", { err: key });
    });
    this.client.on("event.disconnected_event", () => {
      this.takenOver = true;
      this.loginAt = null;
      log.error("wecom bot: another connection took this bot over (same bot id started elsewhere); this one stays off. Stop the other instance, then restart this one.");
    });
    this.client.on("message", (frame) => void this.receive(frame));
    return this.client;
  }

  onMessage(handler: (message: ChatMessage) => Promise<void>): void {
    this.handler = handler;
  }

  /** Connects; the channel is ready once WeCom has accepted the bot id and secret. */
  async start(): Promise<void> {
    this.stopped = false;
    this.takenOver = false;
    (await this.connectClient()).connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.loginAt = null;
    this.client?.disconnect();
  }

  isReady(): boolean {
    return this.loginAt !== null && !!this.client?.isConnected;
  }

  readySince(): Date | null {
    return this.loginAt;
  }

  async send(to: Conversation, message: OutgoingMessage): Promise<void> {
    if (!this.isReady()) {
      throw sendFailed("logged_out", this.takenOver ? "another connection took the WeCom bot over" : "the WeCom bot is not connected");
    }
    const content = toMarkdown(message.text, message.mentions);
    // The first answer to a message goes back as WeCom's reply to it; others are sent on their own.
    const pending = message.replyTo ? this.replyable.get(message.replyTo) : undefined;
    if (message.replyTo) this.replyable.delete(message.replyTo);
    try {
      // WeCom's limits: a stream reply up to 20480 bytes, a markdown message up to 4096.
      if (pending && Date.now() - pending.at <= this.replyWindowMs) {
        await this.client!.replyStream(pending.frame, randomUUID(), clipBytes(content, 20_480), true);
      } else {
        await this.client!.sendMessage(to.id, { msgtype: "markdown", markdown: { content: clipBytes(content, 4096) } });
      }
    } catch (err) {
      throw wecomSendFailed(err);
    }
  }

  private async receive(frame: WsFrame): Promise<void> {
    const parsed = WecomBody.safeParse(frame.body);
    if (!parsed.success) {
      this.opts.log.warn("wecom frame not understood", { reqId: frame.headers?.req_id, issues: parsed.error.issues.slice(0, 3).map((i) => i.message) });
      return;
    }
    const message = toChatMessage(parsed.data, { channel: this.name, botName: this.opts.botName, receivedAt: new Date() });
    const now = Date.now();
    for (const [id, r] of this.replyable) if (now - r.at > this.replyWindowMs) this.replyable.delete(id);
    this.replyable.set(message.id, { frame: { headers: frame.headers }, at: now });
    if (!this.handler || this.stopped) return;
    try {
      await this.handler(message);
    } catch (err) {
      this.opts.log.error("could not hand a message to the bot", { err, id: message.id });
    }
  }
}
