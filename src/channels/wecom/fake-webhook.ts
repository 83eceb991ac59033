// WeCom's HTTP API on loopback. The group-robot webhook checks keys, message shapes
// and sizes, and holds each robot to 20 messages a minute as WeCom does (errcode 45009
// past that), by a clock the test controls. For a self-built app, gettoken and
// message/send. Nothing here reaches WeCom.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeWebhookPost {
  /** The robot's key as WeCom saw it. */
  key: string;
  at: Date;
  msgtype: string;
  content: string;
  mentioned: string[];
}

export class FakeWebhookServer {
  readonly posts: FakeWebhookPost[] = [];
  /** Posts refused for going faster than 20 a minute, per key. */
  readonly tooFast = new Map<string, number>();
  private readonly failures: { errcode: number; errmsg: string; status?: number }[] = [];
  /** What a self-built app sent through message/send. */
  readonly appMessages: { touser: string; content: string }[] = [];
  private readonly tokens = new Set<string>();
  /** The corp id and app secret gettoken accepts. */
  app: { corpId: string; secret: string } | null = null;

  private constructor(
    private readonly server: Server,
    private readonly keys: Set<string>,
    private readonly now: () => Date,
  ) {
    server.on("request", (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const answer = (errcode: number, errmsg: string, status = 200) => {
          res.writeHead(status, { "content-type": "application/json" });
          res.end(JSON.stringify({ errcode, errmsg }));
        };
        const url = new URL(req.url ?? "/", "http://x");
        if (url.pathname === "/cgi-bin/gettoken") {
          const ok = this.app && url.searchParams.get("corpid") === this.app.corpId && url.searchParams.get("corpsecret") === this.app.secret;
          if (!ok) return answer(40001, "invalid credential");
          const token = `tok-${this.tokens.size + 1}-${Math.random().toString(36).slice(2)}`;
          this.tokens.add(token);
          res.writeHead(200, { "content-type": "application/json" });
          return res.end(JSON.stringify({ errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 }));
        }
        if (url.pathname === "/cgi-bin/message/send") {
          if (!this.tokens.has(url.searchParams.get("access_token") ?? "")) return answer(42001, "access_token expired");
          const failure = this.failures.shift();
          if (failure) return answer(failure.errcode, failure.errmsg, failure.status);
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { touser: string; text?: { content: string } };
          this.appMessages.push({ touser: body.touser, content: body.text?.content ?? "" });
          return answer(0, "ok");
        }
        const key = url.searchParams.get("key") ?? "";
        if (req.method !== "POST" || url.pathname !== "/cgi-bin/webhook/send") return answer(404, "not found", 404);
        if (!this.keys.has(key)) return answer(93000, "invalid webhook url");
        const failure = this.failures.shift();
        if (failure) return answer(failure.errcode, failure.errmsg, failure.status);
        let body: { msgtype?: string; text?: { content?: string; mentioned_list?: string[] }; markdown?: { content?: string } };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          return answer(40016, "invalid json");
        }
        const content = body.msgtype === "text" ? body.text?.content : body.msgtype === "markdown" ? body.markdown?.content : undefined;
        if (content === undefined) return answer(40008, "invalid message type");
        if (Buffer.byteLength(content) > (body.msgtype === "text" ? 2048 : 4096)) return answer(40058, "content exceed max length");
        const at = this.now();
        const lastMinute = this.posts.filter((p) => p.key === key && at.getTime() - p.at.getTime() < 60_000).length;
        if (lastMinute >= 20) {
          this.tooFast.set(key, (this.tooFast.get(key) ?? 0) + 1);
          return answer(45009, "api freq out of limit");
        }
        this.posts.push({ key, at, msgtype: body.msgtype!, content, mentioned: body.text?.mentioned_list ?? [] });
        answer(0, "ok");
      });
    });
  }

  static async start(keys: string[], now: () => Date = () => new Date()): Promise<FakeWebhookServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new FakeWebhookServer(server, new Set(keys), now);
  }

  /** The address to configure as WECOM_ROBOT_URL. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/cgi-bin/webhook/send`;
  }

  /** Every access token handed out stops working (WeCom's 2-hour expiry). */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** The API's base address, for WECOM_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next post is answered with this error (and HTTP status, default 200). */
  failNext(errcode: number, errmsg: string, status?: number): void {
    this.failures.push({ errcode, errmsg, status });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
