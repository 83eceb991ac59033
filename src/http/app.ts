import express, { type NextFunction, type Request, type Response } from "express";
import type { Config } from "../config.ts";
import type { Bot } from "../core/bot.ts";
import type { Channel } from "../core/channel.ts";
import type { Logger } from "../core/logger.ts";
import type { Database } from "../db/database.ts";
import type { MockWorld } from "../channels/wechaty/mock-world.ts";
import type { AppContext } from "../features/app-context.ts";
import { outboxSummary } from "../features/outbox/outbox.ts";
import { apiRouter } from "./api.ts";
import { simulatorRouter } from "./simulator.ts";
import { HttpError } from "./validate.ts";

export interface HttpDeps {
  db: Database;
  channel: Channel;
  world: MockWorld | null;
  bot: Bot<AppContext>;
  config: Config;
  log: Logger;
}

/** The HTTP face: /health, the JSON API, and (with the mock puppet) the simulator. */
export function createHttpApp(deps: HttpDeps) {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "64kb" }));

  app.get("/health", async (_req, res) => {
    const database = await deps.db.ping();
    const channel = deps.channel.isReady();
    const outbox = database ? await outboxSummary(deps.db.sql).catch(() => null) : null;
    const halt = outbox?.channels.find((c) => c.channel === deps.channel.name && c.halted) ?? null;
    // 503 when this process cannot work; a halted outbox is reported in the body, not as 503.
    res.status(database && channel ? 200 : 503).json({
      status: database && channel && !halt ? "ok" : "degraded",
      database: { ok: database, kind: deps.db.kind },
      channel: { ok: channel, name: deps.channel.name, puppet: deps.config.wechaty.puppet },
      // Messages kept on local disk because the database could not take them yet.
      unfiledMessages: deps.bot.unfiled,
      outbox: outbox && {
        ok: !halt,
        pending: outbox.pending + outbox.sending,
        failed: outbox.failed,
        halted: halt ? { reason: halt.haltReason, until: halt.haltedUntil } : null,
      },
    });
  });

  app.get("/", (_req, res) => {
    res.redirect(deps.world ? "/simulator" : "/health");
  });

  // The simulator exists only with the mock puppet (a demo); its page cannot send a token.
  if (deps.world) app.use(simulatorRouter(deps.world, deps.config.botName));

  const token = deps.config.http.apiToken;
  if (token) {
    app.use("/api", (req, _res, next) => {
      next(req.get("authorization") === `Bearer ${token}` ? undefined : new HttpError(401, "需要 API 令牌：请求头 Authorization: Bearer <API_TOKEN>"));
    });
  }
  app.use("/api", apiRouter(deps.db));

  app.use((_req, _res, next) => next(new HttpError(404, "没有这个地址")));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.message, ...(err.issues ? { issues: err.issues } : {}) });
      return;
    }
    const status = (err as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      // express.json() parse errors and oversized bodies
      res.status(status).json({ error: status === 413 ? "请求内容过大" : "请求格式不正确，应为 JSON" });
      return;
    }
    deps.log.error("http handler failed", { err });
    res.status(500).json({ error: "服务器内部错误，已记录" });
  });
  return app;
}
