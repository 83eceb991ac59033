import { z } from "zod";
import type { ChatMessage, Conversation, MessageKind, OutgoingMessage } from "../../core/chat-message.ts";
import { sendFailed } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { CallbackRejected, type CallbackQuery, type WecomCallback, xmlField } from "./callback.ts";
import { wecomFailureOf } from "./convert.ts";
import { WECOM_API_URL } from "./defaults.ts";
import { HttpChannel } from "./http-channel.ts";

export interface WecomAppChannelOptions {
  callback: WecomCallback;
  corpId: string;
  /** The app's secret and agent id, for answering through message/send; without them the app only listens. */
  secret?: string;
  agentId?: number;
  apiUrl?: string;
  log: Logger;
  channel?: string;
}

const KIND: Record<string, MessageKind> = { text: "text", image: "image", voice: "voice", video: "video", file: "file", link: "link", location: "other" };
const TokenAnswer = z.object({ errcode: z.number().default(0), errmsg: z.string().optional(), access_token: z.string().optional(), expires_in: z.number().optional() });

/**
 * A self-built WeCom app (自建应用) in callback mode: people write to the app in a
 * single chat; WeCom posts the encrypted message to our address. The HTTP edge hands
 * the raw request to `accept`, which checks it and answers at once (WeCom waits 5 s);
 * the message reaches the bot afterwards. Answers go through the app's message/send
 * API when its secret and agent id are configured.
 */
export class WecomAppChannel extends HttpChannel {
  readonly name: string;
  readonly transport = "wecom-app-callback";
  private handler: ((m: ChatMessage) => Promise<void>) | null = null;
  private token: { value: string; until: number } | null = null;

  constructor(private readonly opts: WecomAppChannelOptions) {
    super();
    this.name = opts.channel ?? "wecom-app";
  }

  onMessage(handler: (message: ChatMessage) => Promise<void>): void {
    this.handler = handler;
  }

  /**
   * One request to the callback address: the answer to send now (status and body),
   * and the message, if any, is handed to the bot after the answer has gone.
   */
  accept(method: string, query: Record<string, unknown>, body: string): { status: number; body: string; then?: () => Promise<void> } {
    const q = z.object({ msg_signature: z.string(), timestamp: z.string(), nonce: z.string(), echostr: z.string().optional() }).safeParse(query);
    if (!q.success) return { status: 400, body: "bad request" };
    try {
      if (method === "GET") return { status: 200, body: this.opts.callback.verifyUrl(q.data as CallbackQuery) };
      const xml = this.opts.callback.openMessage(q.data as CallbackQuery, body);
      return { status: 200, body: "success", then: () => this.receive(xml) };
    } catch (err) {
      if (!(err instanceof CallbackRejected)) throw err;
      this.opts.log.warn("wecom callback rejected", { reason: err.reason });
      return { status: 403, body: "forbidden" };
    }
  }

  private async receive(xml: string): Promise<void> {
    const type = xmlField(xml, "MsgType") ?? "";
    const from = xmlField(xml, "FromUserName");
    if (type === "event" || !from || !this.handler || !this.startedAt) return;
    const kind = KIND[type] ?? "other";
    const created = Number(xmlField(xml, "CreateTime"));
    const message: ChatMessage = {
      id: xmlField(xml, "MsgId") || `${from}-${created}`,
      channel: this.name,
      conversation: { id: from, topic: from, isGroup: false },
      sender: { id: from, name: from },
      kind,
      text: kind === "text" ? (xmlField(xml, "Content") ?? "") : "",
      sentAt: Number.isFinite(created) && created > 0 ? new Date(created * 1000) : new Date(),
      mentions: [],
      fromSelf: false,
    };
    try {
      await this.handler(message);
    } catch (err) {
      this.opts.log.error("could not hand a message to the bot", { err, id: message.id });
    }
  }

  async send(to: Conversation, message: OutgoingMessage): Promise<void> {
    const { secret, agentId } = this.opts;
    if (!this.startedAt) throw sendFailed("logged_out", "the WeCom app channel is stopped");
    if (!secret || !agentId) throw sendFailed("failed", "the WeCom app only listens: set WECOM_APP_SECRET and WECOM_AGENT_ID to answer through it");
    if (to.isGroup) throw sendFailed("failed", "a WeCom app writes to people, not groups");
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const answer = await this.call(`/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`, { touser: to.id, msgtype: "text", agentid: agentId, text: { content: message.text } });
      // An expired token: fetch a new one once.
      if ((answer.errcode === 42001 || answer.errcode === 40014) && attempt === 0) continue;
      if (answer.errcode !== 0) throw sendFailed(wecomFailureOf(answer), `WeCom errcode ${answer.errcode}: ${answer.errmsg ?? ""}`);
      return;
    }
  }

  private async accessToken(fresh: boolean): Promise<string> {
    if (!fresh && this.token && this.token.until > Date.now()) return this.token.value;
    const url = `/cgi-bin/gettoken?corpid=${encodeURIComponent(this.opts.corpId)}&corpsecret=${encodeURIComponent(this.opts.secret!)}`;
    const answer = await this.call(url);
    if (answer.errcode !== 0 || !answer.access_token) throw sendFailed(wecomFailureOf(answer), `WeCom gettoken errcode ${answer.errcode}: ${answer.errmsg ?? ""}`);
    this.token = { value: answer.access_token, until: Date.now() + Math.max(60, (answer.expires_in ?? 7200) - 300) * 1000 };
    return this.token.value;
  }

  private async call(pathAndQuery: string, body?: unknown): Promise<z.infer<typeof TokenAnswer>> {
    let res: Response;
    try {
      res = await fetch(`${this.opts.apiUrl ?? WECOM_API_URL}${pathAndQuery}`, {
        method: body ? "POST" : "GET",
        headers: body ? { "content-type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      // Never the URL: it carries the secret or the token.
      throw sendFailed("failed", `WeCom API: ${(err as Error)?.name === "TimeoutError" ? "timed out" : "network error"}`);
    }
    const parsed = TokenAnswer.safeParse(await res.json().catch(() => null));
    if (!res.ok || !parsed.success) throw sendFailed(res.status === 429 ? "rate_limited" : "failed", `WeCom API: HTTP ${res.status}`);
    return parsed.data;
  }
}
