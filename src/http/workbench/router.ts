// The workbench (工作台): server-rendered pages in Chinese for cadres, signed in with a
// one-time code from `/登录`. Every page acts as the signed-in cadre under the same
// permission rule as the chat; every state-changing request carries the CSRF token.
import { readFileSync } from "node:fs";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import { AppError } from "../../core/errors.ts";
import { ROLE, type Role } from "../../domain/glossary.ts";
import { atLeast, isCadre, type Actor } from "../../domain/permissions.ts";
import type { Services } from "../../features/context.ts";
import { endSession, signIn, type Session } from "../../features/workbench/sign-in.ts";
import { html, type Html } from "./html.ts";
import { BASE, layout } from "./layout.ts";
import { auditPage } from "./pages/audit.ts";
import { cultivationPages } from "./pages/cultivation.ts";
import { cultivationViews } from "./pages/cultivation-views.ts";
import { feedbackPages } from "./pages/feedback.ts";
import { importPage } from "./pages/import.ts";
import { overviewPage } from "./pages/overview.ts";
import { personPages } from "./pages/person.ts";
import { registerPage } from "./pages/register.ts";
import { reminderPages } from "./pages/reminders.ts";
import { sessionsPages } from "./pages/sessions.ts";
import { setupPages } from "./pages/setup.ts";
import { checkCsrf, loadSession, sessionOf, setSessionCookie } from "./session.ts";

export interface PageRequest {
  session: Session;
  actor: Actor;
  query: Record<string, unknown>;
  params: Record<string, string>;
  body: Record<string, unknown>;
  services: Services;
  now(): Date;
}

/** What a page answers: HTML, a redirect (after a form), or bytes to download. */
export type PageResult = Html | { redirect: string } | { download: Buffer; filename: string; type: string };

export interface PageRoute {
  method: "get" | "post";
  path: string;
  /** Below this role the page is refused (default: any cadre). Scope inside the area is the page's to check. */
  minRole?: Role;
  handle(p: PageRequest): Promise<PageResult>;
}

const ASSETS: Record<string, string> = { "workbench.css": "text/css; charset=utf-8", "workbench.js": "text/javascript; charset=utf-8" };
const STATUS: Record<string, number> = { bad_arguments: 400, unauthorized: 401, forbidden: 403, not_found: 404, too_many: 429 };

export function workbenchRouter(services: Services, now: () => Date): Router {
  const r = Router();
  const assets = new Map(Object.keys(ASSETS).map((f) => [f, readFileSync(new URL(`./assets/${f}`, import.meta.url))]));
  r.get(`${BASE}/assets/:file`, (req, res, next) => {
    const body = assets.get(req.params.file!);
    if (!body) return next();
    res.type(ASSETS[req.params.file!]!).set("cache-control", "public, max-age=3600").send(body);
  });

  r.use(BASE, express.urlencoded({ extended: false, limit: "64kb" }), loadSession(services, now), (_req, res, next) => {
    // Pages show personal records: never cached, never framed.
    res.set({ "cache-control": "no-store", "x-frame-options": "DENY", "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'" });
    next();
  });

  r.get(`${BASE}/login`, (req, res) => {
    if (sessionOf(res)) return res.redirect(`${BASE}/`);
    res.type("html").send(loginPage(typeof req.query.error === "string" ? req.query.error : undefined).text);
  });

  r.post(`${BASE}/login`, async (req, res) => {
    const code = typeof req.body?.code === "string" ? req.body.code : "";
    const result = await signIn(services.db.prisma, code, { ip: req.ip ?? req.socket.remoteAddress ?? "?", userAgent: req.get("user-agent") }, now());
    if (!result.ok) {
      const why = { wrong: "登录码不对或已过期，请在群里或私聊发送 /登录 重新获取。", too_many: "尝试次数过多，请15分钟后再试。", not_cadre: "工作台仅供村干部及以上使用。" }[result.reason];
      res.status(result.reason === "too_many" ? 429 : 401).type("html").send(loginPage(why).text);
      return;
    }
    setSessionCookie(req, res, result.token);
    res.redirect(303, `${BASE}/`);
  });

  r.post(`${BASE}/logout`, async (req, res) => {
    const session = sessionOf(res);
    if (session) {
      checkCsrf(req, session);
      await endSession(services.db.prisma, session.id, session.memberId, now());
    }
    setSessionCookie(req, res, null);
    res.redirect(303, `${BASE}/login`);
  });

  const pages: PageRoute[] = [overviewPage, registerPage, ...personPages, ...cultivationPages, ...cultivationViews, ...feedbackPages, importPage, ...reminderPages, ...sessionsPages, ...setupPages, auditPage];
  for (const page of pages) {
    r[page.method](`${BASE}${page.path}`, async (req: Request, res: Response) => {
      const session = sessionOf(res);
      if (!session) {
        if (page.method === "get") return res.redirect(`${BASE}/login`);
        throw new AppError("unauthorized", "请先登录工作台。");
      }
      if (!isCadre(session.actor)) throw new AppError("forbidden", "工作台仅供村干部及以上使用。");
      if (page.minRole && !atLeast(session.actor.role, page.minRole)) throw new AppError("forbidden", `此页面仅限${ROLE[page.minRole]}使用。`);
      if (page.method === "post") checkCsrf(req, session);
      const out = await page.handle({
        session,
        actor: session.actor,
        query: req.query as Record<string, unknown>,
        params: req.params as Record<string, string>,
        body: (req.body ?? {}) as Record<string, unknown>,
        services,
        now,
      });
      if ("redirect" in out) return res.redirect(303, out.redirect);
      if ("download" in out) return res.attachment(out.filename).type(out.type).send(out.download);
      res.type("html").send(out.text);
    });
  }

  // A page's error is a page, in Chinese; the API's errors stay JSON (see http/app.ts).
  r.use(BASE, (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!(err instanceof AppError)) return next(err);
    const status = STATUS[err.code] ?? 400;
    res.status(status).type("html").send(layout("出错了", sessionOf(res), html`<p class="error">${err.userMessage}</p><p><a href="${BASE}/">回到工作台</a></p>`).text);
  });
  return r;
}

function loginPage(error?: string): Html {
  return layout(
    "登录工作台",
    null,
    html`<div class="card login">
  <p>在联系群里或私聊里给苗圃助手发送 <strong>/登录</strong>，助手会私信您一个6位登录码，10分钟内有效。</p>
  ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
  <form method="post" action="${BASE}/login">
    <label>登录码 <input name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="12" required autofocus></label>
    <button type="submit">登录</button>
  </form>
</div>`,
  );
}
