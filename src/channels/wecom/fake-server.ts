// A WeCom long-connection server on loopback, speaking the protocol the official SDK
// (`@wecom/aibot-node-sdk`) speaks: subscribe with bot id and secret and its ack,
// pings, `aibot_msg_callback` / `aibot_event_callback` frames in, `aibot_respond_msg`
// and `aibot_send_msg` out, `disconnected_event` when another connection takes over.
// Tests, the benchmark and a local demo drive the real SDK against it; nothing here
// reaches WeCom.
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
// Types only: ws loads when a fake server starts (the demo, tests), not at every start.
import type { WebSocketServer, WebSocket } from "ws";

export interface FakeWecomSpec {
  botId: string;
  secret: string;
  /** The bot's name as people @-mention it in groups. */
  botName: string;
  /** userid → name, for reading `<@userid>` mentions the bot writes. */
  people: Record<string, string>;
}

/** What the bot showed in WeCom: a reply to a message or a message of its own. */
export interface FakeWecomLine {
  cmd: "aibot_respond_msg" | "aibot_send_msg";
  /** Group chatid or the person's userid. */
  conversation: string;
  text: string;
  /** Names of the members the text @-mentions (`<@userid>`). */
  mentioned: string[];
}

interface Frame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
}

export class FakeWecomServer {
  readonly lines: FakeWecomLine[] = [];
  /** Subscribe attempts seen, accepted or not. */
  subscribes = 0;
  pings = 0;
  private readonly wss: WebSocketServer;
  private readonly authed = new Set<WebSocket>();
  private readonly failures: { errcode: number; errmsg: string }[] = [];
  private readonly listeners = new Set<(l: FakeWecomLine) => void>();
  /** req_id of each callback frame → where it came from, so a reply lands in that chat. */
  private readonly callbacks = new Map<string, string>();
  private seq = 0;
  /** When false, subscribes are refused with errcode 40001 (a wrong secret). */
  acceptAuth = true;

  private constructor(readonly spec: FakeWecomSpec, wss: WebSocketServer) {
    this.wss = wss;
    wss.on("connection", (ws) => {
      ws.on("message", (data) => this.onFrame(ws, JSON.parse(String(data)) as Frame));
      ws.on("close", () => this.authed.delete(ws));
    });
  }

  static async start(spec: FakeWecomSpec): Promise<FakeWecomServer> {
    const { WebSocketServer: Server } = await import("ws");
    const wss = await new Promise<WebSocketServer>((resolve, reject) => {
      const s: WebSocketServer = new Server({ host: "127.0.0.1", port: 0 }, () => resolve(s));
      s.once("error", reject);
    });
    return new FakeWecomServer(spec, wss);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  /** Connections that subscribed successfully and are still open. */
  get connections(): number {
    return this.authed.size;
  }

  /** The next reply or send is refused with this WeCom error code (45009: too frequent). */
  failNext(errcode: number, errmsg: string): void {
    this.failures.push({ errcode, errmsg });
  }

  onLine(listener: (l: FakeWecomLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Someone @-mentions the bot in a group (WeCom delivers nothing else from groups). */
  sayInGroup(userid: string, chatid: string, text: string, opts: { msgid?: string } = {}): string {
    return this.push("aibot_msg_callback", {
      msgid: opts.msgid ?? this.nextId(),
      aibotid: this.spec.botId,
      chatid,
      chattype: "group",
      from: { userid },
      create_time: Math.floor(Date.now() / 1000),
      msgtype: "text",
      text: { content: `@${this.spec.botName} ${text}` },
    });
  }

  /** Someone writes to the bot in a single chat. */
  sayPrivately(userid: string, text: string, opts: { msgid?: string } = {}): string {
    return this.push("aibot_msg_callback", {
      msgid: opts.msgid ?? this.nextId(),
      aibotid: this.spec.botId,
      chattype: "single",
      from: { userid },
      create_time: Math.floor(Date.now() / 1000),
      msgtype: "text",
      text: { content: text },
    });
  }

  /** Any callback body (image, mixed, voice, quote…), as WeCom would push it. */
  push(cmd: "aibot_msg_callback" | "aibot_event_callback", body: Record<string, unknown>): string {
    const reqId = `${cmd}_${this.nextId()}`;
    const where = (body.chatid as string | undefined) ?? (body.from as { userid: string }).userid;
    this.callbacks.set(reqId, where);
    this.broadcast({ cmd, headers: { req_id: reqId }, body });
    return String(body.msgid ?? reqId);
  }

  /** Another connection took this bot over: WeCom tells the old one, then closes it. */
  takeOver(): void {
    this.push("aibot_event_callback", {
      msgid: this.nextId(),
      aibotid: this.spec.botId,
      from: { userid: "sys" },
      create_time: Math.floor(Date.now() / 1000),
      msgtype: "event",
      event: { eventtype: "disconnected_event" },
    });
    for (const ws of this.authed) setTimeout(() => ws.close(1000, "new connection established"), 20);
  }

  /** The network drops every connection (the SDK reconnects). */
  dropConnections(): void {
    for (const ws of this.wss.clients) ws.terminate();
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }

  private onFrame(ws: WebSocket, frame: Frame): void {
    const reqId = frame.headers?.req_id ?? "";
    const ack = (errcode = 0, errmsg = "ok") => ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg }));
    switch (frame.cmd) {
      case "aibot_subscribe": {
        this.subscribes++;
        const body = frame.body as { bot_id?: string; secret?: string };
        if (!this.acceptAuth || body?.bot_id !== this.spec.botId || body?.secret !== this.spec.secret) return ack(40001, "invalid credential");
        this.authed.add(ws);
        return ack();
      }
      case "ping":
        this.pings++;
        return ack();
      case "aibot_respond_msg":
      case "aibot_send_msg": {
        if (!this.authed.has(ws)) return ack(40001, "not subscribed");
        const failure = this.failures.shift();
        if (failure) return ack(failure.errcode, failure.errmsg);
        const body = frame.body as { chatid?: string; msgtype: string; markdown?: { content: string }; stream?: { content?: string; finish?: boolean } };
        const conversation = frame.cmd === "aibot_send_msg" ? body.chatid : this.callbacks.get(reqId);
        const text = body.markdown?.content ?? body.stream?.content;
        if (!conversation || text === undefined) return ack(40058, "invalid parameter");
        if (body.stream && !body.stream.finish) return ack();
        const line: FakeWecomLine = {
          cmd: frame.cmd,
          conversation,
          text,
          mentioned: [...text.matchAll(/<@([^>]+)>/g)].map((m) => this.spec.people[m[1]!] ?? m[1]!),
        };
        this.lines.push(line);
        for (const l of this.listeners) l(line);
        return ack();
      }
      default:
        return ack(40058, `unknown cmd ${frame.cmd}`);
    }
  }

  private broadcast(frame: Frame): void {
    const data = JSON.stringify(frame);
    for (const ws of this.authed) ws.send(data);
  }

  private nextId(): string {
    return `${Date.now().toString(36)}${(++this.seq).toString(36)}${randomUUID().slice(0, 6)}`;
  }
}
