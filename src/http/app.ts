import { timingSafeEqual } from "node:crypto";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Bot } from "../core/bot.ts";
import type { Channel } from "../core/channel.ts";
import { AppError, type ErrorCode } from "../core/errors.ts";
import { EVERYWHERE } from "../domain/area.ts";
import type { Actor } from "../domain/permissions.ts";
import type { MockWorld } from "../channels/wechaty/mock-world.ts";
import { WecomAppChannel } from "../channels/wecom/app-channel.ts";
import type { WecomDemo } from "../demo/wecom-demo.ts";
import type { AppContext, Services } from "../features/context.ts";
import { RawReply, type Route } from "../features/feature.ts";
import { ballotRouter } from "./ballot.ts";
import { simulatorRouter, type DemoClock } from "./simulator.ts";
import { isLoopback } from "../config.ts";
import { workbenchRouter } from "./workbench/router.ts";
import { checkCsrf, loadSession, sessionOf } from "./workbench/session.ts";
import { XLSX } from "../features/register/routes.ts";

export interface HttpDeps {
  services: Services;
  channels: Channel[];
  routes: Route[];
  world: MockWorld | null;
  /** The WeCom demo group the simulator shows beside WeChat's (WECOM_DEMO=true). */
  wecomDemo?: WecomDemo | null;
  bot: Bot<AppContext>;
  now: () => Date;
  /** The demo's clock, moved forward from the simulator (mock puppet only). */
  demoClock?: DemoClock | null;
}

/** How each error code reads over HTTP. */
const STATUS: Record<ErrorCode, number> = {
  bad_arguments: 400,
  unknown_command: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_many: 429,
  send_failed: 502,
  filing_failed: 503,
};

/**
 * What a request with the API token acts as: a county administrator over everything.
 * It is a machine, not a chat account, so audit lines name no member.
 */
const MACHINE: Actor = { memberId: null, role: "county_admin", candidateId: null, area: EVERYWHERE };

const mb = (bytes: number) => Math.round(bytes / 2 ** 17) / 8;

/**
 * Where this process's memory is, in MB, for whoever deploys it: resident in all, the
 * JavaScript heap, memory outside it (buffers), and an embedded database's share.
 */
function memoryReport(databaseBytes: number | null) {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), heapTotalMb: mb(m.heapTotal), externalMb: mb(m.external), databaseMb: databaseBytes === null ? null : mb(databaseBytes) };
}

/** The HTTP face: /health, the features' JSON routes under /api, and (with the mock puppet) the simulator. */
export function createHttpApp(deps: HttpDeps) {
  const { services } = deps;
  const config = services.config;
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "64kb" }));

  const token = config.http.apiToken;
  // Without a token the server listens on loopback only; a page on another site could
  // still reach it through a DNS name pointed at 127.0.0.1 (DNS rebinding), so the Host
  // header must name this machine too.
  if (!token) {
    app.use((req, _res, next) => next(isLoopback(req.hostname) ? undefined : new AppError("forbidden", "只接受发往本机地址的请求（Host 应为 127.0.0.1 或 localhost）")));
  }

  app.get("/health", async (_req, res) => {
    // The outbox summary reads the database: when it answers, so does the database (one round trip fewer).
    const outbox = await services.outbox.summary(deps.now()).catch(() => null);
    const database = outbox !== null || (await services.db.ping());
    const channels = deps.channels.map((c) => {
      const o = outbox?.channels.find((x) => x.channel === c.name);
      return {
        name: c.name,
        transport: c.transport,
        ok: c.isReady(),
        outbox: !outbox ? null : { pending: o?.pending ?? 0, failed: o?.failed ?? 0, sentToday: o?.sentToday ?? 0, halted: o?.halted ? { reason: o.haltReason, until: o.haltedUntil } : null },
      };
    });
    const up = database && channels.every((c) => c.ok);
    const halted = channels.some((c) => c.outbox?.halted);
    // 503 when this process cannot work; a halted outbox is reported in the body, not as 503.
    res.status(up ? 200 : 503).json({
      status: up && !halted ? "ok" : "degraded",
      database: { ok: database, kind: services.db.kind },
      channels,
      // Messages kept on local disk because the database could not take them yet.
      unfiledMessages: deps.bot.unfiled,
      outbox: outbox && { ok: !halted, pending: outbox.pending + outbox.sending, failed: outbox.failed },
      // With a language model: messages waiting for it, and whether calls are paused.
      ...(services.modelQueue && database
        ? { model: { pending: await services.modelQueue.pending().catch(() => null), circuit: services.modelQueue.breaker.state(deps.now().getTime()) } }
        : {}),
      memory: memoryReport(services.db.memoryBytes()),
    });
  });

  app.get("/", (_req, res) => {
    res.redirect(deps.world ? "/simulator" : "/workbench/");
  });

  // The cadres' workbench: pages signed in with a one-time code from /登录.
  app.use(workbenchRouter(services, deps.now));
  // Voters have a ballot code, not a token.
  app.use(ballotRouter(services));

  // The simulator exists only with the mock puppet (a demo), and only on a loopback host:
  // it lets anyone speak as anyone, and its page cannot send a token.
  if (deps.world && isLoopback(config.http.host)) app.use(simulatorRouter(deps.world, services.botName, deps.wecomDemo ?? null, deps.demoClock ?? null));
  else if (deps.world) services.log.warn("simulator off: HTTP_HOST is not a loopback address", { host: config.http.host });

  // WeCom's callback for a self-built app: public (WeCom signs it), answered at once, the
  // message handed to the bot once the answer has gone (WeCom waits 5 s, then retries).
  for (const channel of deps.channels) {
    if (!(channel instanceof WecomAppChannel)) continue;
    app.all("/wecom/callback", express.text({ type: () => true, limit: "256kb" }), (req, res) => {
      const answer = channel.accept(req.method, req.query, typeof req.body === "string" ? req.body : "");
      if (answer.then) res.once("finish", () => void answer.then!());
      res.status(answer.status).type("text/plain").send(answer.body);
    });
  }

  // A survey upload is the .xlsx itself as the request body.
  app.use("/api", express.raw({ type: XLSX, limit: "20mb" }), loadSession(services, deps.now));
  app.use("/api", (req, res, next) => {
    // A signed-in cadre acts as themselves; a state-changing call from their browser carries the CSRF token.
    const session = sessionOf(res);
    if (session && !req.get("authorization")) {
      if (req.method !== "GET" && req.method !== "HEAD") checkCsrf(req, session);
      res.locals.actor = session.actor;
      return next();
    }
    if (!token) return next(); // loopback only (config refuses another host without a token)
    next(sameToken(req.get("authorization"), `Bearer ${token}`) ? undefined : new AppError("unauthorized", "需要 API 令牌：请求头 Authorization: Bearer <API_TOKEN>"));
  });
  app.use("/api", apiRouter(deps));

  app.use((_req, _res, next) => next(new AppError("not_found", "没有这个地址")));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AppError) {
      res.status(STATUS[err.code]).json({ error: err.userMessage, code: err.code, ...err.data });
      return;
    }
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      // express.json() parse errors and oversized bodies
      res.status(status).json({ error: status === 413 ? "请求内容过大" : "请求格式不正确，应为 JSON" });
      return;
    }
    services.log.error("http handler failed", { err });
    res.status(500).json({ error: "服务器内部错误，已记录" });
  });
  return app;
}

/** Each feature's routes, run as the request's actor. */
function apiRouter(deps: HttpDeps): Router {
  const r = Router();
  for (const route of deps.routes) {
    r[route.method](route.path, async (req: Request, res: Response) => {
      const out = await route.handle({
        actor: (res.locals.actor as Actor | undefined) ?? MACHINE,
        params: req.params as Record<string, string>,
        query: req.query as Record<string, unknown>,
        body: req.body,
        services: deps.services,
        log: deps.services.log,
        now: deps.now,
      });
      if (out instanceof RawReply) {
        if (out.opts.filename) res.attachment(out.opts.filename);
        res.status(out.opts.status ?? 200).type(out.type).send(out.body);
      } else res.json(out);
    });
  }
  return r;
}

/** Compare in constant time, so the token cannot be guessed a character at a time. */
function sameToken(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? "");
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

