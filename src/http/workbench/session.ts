// The workbench session on a request: the cookie, the CSRF check, and the Actor it acts as.
import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { AppError } from "../../core/errors.ts";
import type { Services } from "../../features/context.ts";
import { SESSION_IDLE_MS, sessionFor, type Session } from "../../features/workbench/sign-in.ts";

export const COOKIE = "miaopu_session";

export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

/** HttpOnly and SameSite=Lax always; Secure when the request came over https (directly or through a proxy saying so). */
export function setSessionCookie(req: Request, res: Response, token: string | null): void {
  const secure = req.secure || req.get("x-forwarded-proto") === "https";
  res.cookie(COOKIE, token ?? "", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    ...(token ? { maxAge: SESSION_IDLE_MS * 3 } : { maxAge: 0 }),
  });
}

/** Puts the request's live session, if any, in res.locals.session. */
export function loadSession(services: Services, now: () => Date) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = cookieOf(req, COOKIE);
    res.locals.session = token ? await sessionFor(services.db.prisma, token, now()) : null;
    next();
  };
}

export const sessionOf = (res: Response): Session | null => (res.locals.session as Session | null | undefined) ?? null;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A state-changing request must carry the session's CSRF token (form field `_csrf` or header X-CSRF-Token). */
export function checkCsrf(req: Request, session: Session): void {
  const given = req.get("x-csrf-token") ?? (typeof req.body?._csrf === "string" ? req.body._csrf : "");
  if (!same(given, session.csrfToken)) throw new AppError("forbidden", "页面已过期或来源不明，请刷新页面后重试。", { reason: "csrf" });
}
