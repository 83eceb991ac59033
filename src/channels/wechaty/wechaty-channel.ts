// WechatyImpl is what WechatyBuilder.build() constructs; taken from "wechaty/impls" because
// the package's main entry also loads its IO client and with it wechaty-puppet-service
// (gRPC, protobuf: ~0.5 s CPU and ~40 MB at start) even when no service puppet is used.
// A puppet named by WECHATY_PUPPET is still resolved by Wechaty itself, at start.
import type { Wechaty } from "wechaty";
import { WechatyImpl } from "wechaty/impls";
import type { Puppet } from "wechaty-puppet";
import type { Channel } from "../../core/channel.ts";
import type { ChatMessage, OutgoingMessage } from "../../core/chat-message.ts";
import { sendFailed, type SendFailure } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { toChatMessage } from "./convert.ts";

export interface WechatyChannelOptions {
  /** The bot's name in Wechaty (and the memory-card file of its login). */
  name: string;
  /** A puppet instance (the mock puppet in tests and the demo) or a puppet package name. */
  puppet: Puppet | string;
  token?: string;
  log: Logger;
  /** Channel name stored with every message. */
  channel?: string;
}

/** Wording puppets use when WeChat throttles an account. */
const RATE_LIMIT_WORDS = /频繁|too many|rate.?limit|frequen|throttl|操作太快/i;

/** How a puppet's error reads: WeChat's throttling, or any other failure. */
export function wechatFailureOf(err: unknown): SendFailure {
  return RATE_LIMIT_WORDS.test(String((err as Error)?.message ?? err)) ? "rate_limited" : "failed";
}

/** WeChat through Wechaty: transport only. */
export class WechatyChannel implements Channel {
  readonly name: string;
  readonly transport: string;
  readonly bot: Wechaty;
  private handler: ((m: ChatMessage) => Promise<void>) | null = null;
  private loginAt: Date | null = null;

  constructor(private readonly opts: WechatyChannelOptions) {
    this.name = opts.channel ?? "wechat";
    this.transport = typeof opts.puppet === "string" ? opts.puppet : `wechaty (${opts.puppet.constructor.name})`;
    this.bot = new WechatyImpl({
      name: opts.name,
      puppet: opts.puppet as never,
      ...(opts.token ? { puppetOptions: { token: opts.token } } : {}),
    });
    this.bot.on("scan", (qrcode, status) => {
      const url = `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`;
      opts.log.info("scan the QR code to log in", { status, qrcode, url });
      process.stderr.write(`\n请用微信扫码登录：${qrcode}\n`);
    });
    this.bot.on("login", (user) => {
      this.loginAt = new Date();
      opts.log.info("logged in", { user: user.name() });
    });
    this.bot.on("logout", (user) => {
      this.loginAt = null;
      opts.log.warn("logged out", { user: user.name() });
    });
    // Some puppets retry in a tight loop when the network is down (wechat4u: every ~10 ms);
    // log each distinct error at most every 10 s, with how often it repeated.
    const seen = new Map<string, { at: number; repeats: number }>();
    this.bot.on("error", (err) => {
      const key = String((err as Error)?.message ?? err);
      const last = seen.get(key);
      const now = Date.now();
      if (last && now - last.at < 10_000) {
        last.repeats++;
        return;
      }
      seen.set(key, { at: now, repeats: 0 });
      opts.log.error("wechaty error", { err, repeatedSinceLastLog: last?.repeats ?? 0 });
    });
    this.bot.on("message", async (msg) => {
      if (!this.handler) return;
      try {
        await this.handler(await toChatMessage(msg, this.name));
      } catch (err) {
        opts.log.error("could not hand a message to the bot", { err, id: msg.id });
      }
    });
  }

  onMessage(handler: (m: ChatMessage) => Promise<void>): void {
    this.handler = handler;
  }

  async start(): Promise<void> {
    await this.bot.start();
  }

  async stop(): Promise<void> {
    await this.bot.stop();
    this.loginAt = null;
  }

  isReady(): boolean {
    return this.bot.isLoggedIn;
  }

  readySince(): Date | null {
    return this.loginAt;
  }

  async send(to: { id: string; isGroup: boolean }, message: OutgoingMessage): Promise<void> {
    if (!this.bot.isLoggedIn) throw sendFailed("logged_out", "the WeChat account is not logged in");
    try {
      await this.say(to, message);
    } catch (err) {
      throw sendFailed(wechatFailureOf(err), (err as Error)?.message ?? String(err), err);
    }
  }

  private async say(to: { id: string; isGroup: boolean }, message: OutgoingMessage): Promise<void> {
    if (to.isGroup) {
      const room = await this.bot.Room.find({ id: to.id });
      if (!room) throw new Error(`room ${to.id} not found`);
      const mentions = [];
      for (const m of message.mentions ?? []) {
        const c = await this.bot.Contact.find({ id: m.id });
        if (c) mentions.push(c);
      }
      await room.say(message.text, ...mentions);
    } else {
      const contact = await this.bot.Contact.find({ id: to.id });
      if (!contact) throw new Error(`contact ${to.id} not found`);
      await contact.say(message.text);
    }
  }
}
