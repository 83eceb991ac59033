// Signing in to the workbench without a password: `/登录` in the chat sends a one-time
// code privately; the code opens a session kept in the database. Codes and session tokens
// are stored only as hashes.
import { createHash, randomBytes, randomInt } from "node:crypto";
import type { Prisma } from "../../db/database.ts";
import type { Actor } from "../../domain/permissions.ts";
import { audit } from "../audit.ts";

export const CODE_TTL_MS = 10 * 60_000;
/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 8 * 3600_000;
/** lastSeenAt is written at most this often, so a page view is not always a write. */
const TOUCH_EVERY_MS = 60_000;
/** Guessing: at most this many wrong codes per address, and in all, in the window. */
export const GUESS_WINDOW_MS = 15 * 60_000;
export const GUESSES_PER_ADDRESS = 10;
export const GUESSES_IN_ALL = 100;

const hash = (s: string) => createHash("sha256").update(s).digest("hex");

/** A fresh 6-digit code for `memberId`; no other live code shares it. */
export async function issueSignInCode(prisma: Prisma, memberId: number, now: Date): Promise<string> {
  for (;;) {
    const code = String(randomInt(100000, 1000000));
    const live = await prisma.signInCode.count({ where: { codeHash: hash(code), usedAt: null, expiresAt: { gt: now } } });
    if (live) continue;
    await prisma.signInCode.create({ data: { codeHash: hash(code), memberId, expiresAt: new Date(now.getTime() + CODE_TTL_MS), createdAt: now } });
    await audit(prisma, { actorId: memberId, action: "web.code", outcome: "ok", entity: "ChatMember", entityId: memberId });
    return code;
  }
}

export type SignIn =
  | { ok: true; memberId: number; token: string; csrfToken: string }
  | { ok: false; reason: "wrong" | "too_many" | "not_cadre" };

/**
 * Use a code once and open a session. Wrong codes are audited with the address they came
 * from; past the limits every attempt is refused (and audited) until the window has passed.
 */
export async function signIn(prisma: Prisma, code: string, client: { ip: string; userAgent?: string }, now: Date): Promise<SignIn> {
  const since = new Date(now.getTime() - GUESS_WINDOW_MS);
  const wrong = { action: "web.sign-in", outcome: "denied", at: { gte: since } };
  const [fromHere, inAll] = await Promise.all([
    prisma.auditLog.count({ where: { ...wrong, entity: "address", entityId: client.ip } }),
    prisma.auditLog.count({ where: wrong, take: GUESSES_IN_ALL + 1 }),
  ]);
  const deny = async (reason: "wrong" | "too_many" | "not_cadre", memberId: number | null = null) => {
    await audit(prisma, { actorId: memberId, action: "web.sign-in", outcome: "denied", entity: "address", entityId: client.ip, detail: { reason } });
    return { ok: false, reason } as const;
  };
  if (fromHere >= GUESSES_PER_ADDRESS || inAll >= GUESSES_IN_ALL) return deny("too_many");
  const digits = code.normalize("NFKC").replace(/\s/g, "");
  if (!/^\d{6}$/.test(digits)) return deny("wrong");
  const row = await prisma.signInCode.findFirst({ where: { codeHash: hash(digits), usedAt: null, expiresAt: { gt: now } } });
  if (!row) return deny("wrong");
  const claimed = await prisma.signInCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (claimed.count !== 1) return deny("wrong");
  const actor = await memberActor(prisma, row.memberId);
  if (!actor || actor.role === "guest" || actor.role === "reserve") return deny("not_cadre", row.memberId);
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const session = await prisma.webSession.create({
    data: { tokenHash: hash(token), memberId: row.memberId, csrfToken, ip: client.ip, userAgent: client.userAgent?.slice(0, 200) ?? null, createdAt: now, lastSeenAt: now },
  });
  await audit(prisma, { actorId: row.memberId, action: "web.sign-in", outcome: "ok", entity: "WebSession", entityId: session.id });
  return { ok: true, memberId: row.memberId, token, csrfToken };
}

export interface Session {
  id: number;
  memberId: number;
  csrfToken: string;
  displayName: string;
  actor: Actor;
}

/** The live session behind a cookie's token, touched as used; null when unknown, ended or idle too long. */
export async function sessionFor(prisma: Prisma, token: string, now: Date): Promise<Session | null> {
  const row = await prisma.webSession.findUnique({ where: { tokenHash: hash(token) } });
  if (!row || row.endedAt || now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  const member = await prisma.chatMember.findUnique({ where: { id: row.memberId }, select: memberSelect });
  if (!member) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.webSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  }
  return { id: row.id, memberId: row.memberId, csrfToken: row.csrfToken, displayName: member.displayName, actor: toActor(member) };
}

/** End a session: by its owner (sign-out) or by a county administrator (revocation). */
export async function endSession(prisma: Prisma, id: number, byMemberId: number | null, now: Date): Promise<boolean> {
  const ended = await prisma.webSession.updateMany({ where: { id, endedAt: null }, data: { endedAt: now, endedById: byMemberId } });
  if (ended.count) await audit(prisma, { actorId: byMemberId, action: "web.sign-out", outcome: "ok", entity: "WebSession", entityId: id });
  return ended.count === 1;
}

/** Sessions not ended and not idle too long, newest first, with who holds them. */
export async function liveSessions(prisma: Prisma, now: Date) {
  const rows = await prisma.webSession.findMany({
    where: { endedAt: null, lastSeenAt: { gt: new Date(now.getTime() - SESSION_IDLE_MS) } },
    orderBy: { lastSeenAt: "desc" },
    take: 200,
  });
  const members = await prisma.chatMember.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.memberId))] } }, select: memberSelect });
  const byId = new Map(members.map((m) => [m.id, m]));
  return rows.map((r) => ({ ...r, member: byId.get(r.memberId) ?? null }));
}

const memberSelect = { id: true, displayName: true, role: true, candidateId: true, area: { select: { id: true, name: true, level: true, path: true } } } as const;

type MemberRow = { id: number; role: Actor["role"]; candidateId: number | null; area: Actor["area"] };
const toActor = (m: MemberRow): Actor => ({ memberId: m.id, role: m.role, candidateId: m.candidateId, area: m.area });

async function memberActor(prisma: Prisma, memberId: number): Promise<Actor | null> {
  const m = await prisma.chatMember.findUnique({ where: { id: memberId }, select: memberSelect });
  return m && toActor(m);
}
