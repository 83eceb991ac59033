// Guessing bind codes: every wrong code is an audit line ("member.redeem-code",
// denied, reason "invalid", with the group it was sent in), and those lines are
// what is counted, so the limit holds across restarts and instances. Past the
// limit for an account or a group, each further try waits twice as long as the
// last; the county administrators hear of it once, privately.
import { AppError } from "../../core/errors.ts";
import type { Database } from "../../db/database.ts";
import { clip } from "../../domain/text.ts";
import { notifyCountyAdmins } from "../../outbox/alerts.ts";
import type { Outbox } from "../../outbox/index.ts";
import { audit } from "../audit.ts";

export interface BindAttemptLimits {
  /** Wrong codes one account may send in `windowMs` before it has to wait. */
  perAccount: number;
  /** Wrong codes sent in one group (by anyone) in `windowMs` before everyone there waits. */
  perGroup: number;
  windowMs: number;
  /** The first wait past a limit; each further wrong code doubles it, up to `windowMs`. */
  backoffMs: number;
}

export const DEFAULT_BIND_ATTEMPTS: BindAttemptLimits = { perAccount: 5, perGroup: 20, windowMs: 24 * 3_600_000, backoffMs: 60_000 };

/** Who is trying: the account, and the group it tries in (null in a private chat). */
export interface Attempter {
  memberId: number;
  name: string;
  channel: string;
  group: { id: string; topic: string } | null;
}

const ACTION = "member.redeem-code";

/** The same answer for a code that does not exist, was used, or has expired: a guesser learns nothing. */
export const INVALID_CODE = "绑定码无效，请核对后再发，或向村干部重新要一个。";

const groupKey = (a: Attempter) => (a.group ? `${a.channel}:${a.group.id}` : null);

interface Failures {
  account: Date[];
  group: Date[];
}

async function recentFailures(db: Database, a: Attempter, now: Date, limits: BindAttemptLimits): Promise<Failures> {
  const key = groupKey(a);
  const rows = await db.prisma.auditLog.findMany({
    where: {
      action: ACTION,
      outcome: "denied",
      at: { gt: new Date(now.getTime() - limits.windowMs) },
      AND: [
        { detail: { path: ["reason"], equals: "invalid" } },
        { OR: [{ actorId: a.memberId }, ...(key ? [{ detail: { path: ["group"], equals: key } }] : [])] },
      ],
    },
    select: { at: true, actorId: true, detail: true },
    orderBy: { at: "desc" },
    // Enough to price the next wait; a longer history changes nothing (the wait is capped).
    take: 500,
  });
  const inGroup = (d: unknown) => key !== null && (d as { group?: string } | null)?.group === key;
  return { account: rows.filter((r) => r.actorId === a.memberId).map((r) => r.at), group: rows.filter((r) => inGroup(r.detail)).map((r) => r.at) };
}

/** When the next try is allowed, given the failures newest first; null: now. */
function waitUntil(failures: Date[], limit: number, limits: BindAttemptLimits): Date | null {
  if (failures.length < limit) return null;
  const wait = Math.min(limits.windowMs, limits.backoffMs * 2 ** Math.min(30, failures.length - limit));
  return new Date(failures[0]!.getTime() + wait);
}

/**
 * Throws `too_many` while the account or the group must wait; the refusal is audited
 * (reason "too_many") but does not lengthen the wait.
 */
export async function checkBindAttempts(db: Database, a: Attempter, now: Date, limits: BindAttemptLimits): Promise<void> {
  const f = await recentFailures(db, a, now, limits);
  const until = [waitUntil(f.account, limits.perAccount, limits), waitUntil(f.group, limits.perGroup, limits)]
    .filter((d): d is Date => d !== null && d > now)
    .sort((x, y) => +y - +x)[0];
  if (!until) return;
  await audit(db.prisma, { actorId: a.memberId, action: ACTION, outcome: "denied", at: now, detail: { reason: "too_many", group: groupKey(a), until: until.toISOString() } });
  const minutes = Math.max(1, Math.ceil((+until - +now) / 60_000));
  throw new AppError("too_many", `绑定码输错的次数太多，请${minutes < 120 ? `${minutes}分钟` : `${Math.ceil(minutes / 60)}小时`}后再试。`, { until: until.toISOString() });
}

/**
 * A wrong code: audit it (the line the limits count), and when this one reaches the
 * account's or the group's limit, tell the county administrators privately, once.
 */
export async function recordBindFailure(db: Database, outbox: Outbox, a: Attempter, reason: string, now: Date, limits: BindAttemptLimits): Promise<void> {
  await audit(db.prisma, { actorId: a.memberId, action: ACTION, outcome: "denied", at: now, detail: { reason: "invalid", why: reason, group: groupKey(a) } });
  const f = await recentFailures(db, a, now, limits);
  const burst = [
    f.account.length === limits.perAccount ? `account:${a.channel}:${a.memberId}` : null,
    f.group.length === limits.perGroup ? `group:${groupKey(a)}` : null,
  ].filter((k) => k !== null);
  if (!burst.length) return;
  const where = a.group ? `在“${clip(a.group.topic, 20)}”群里` : "在私聊里";
  const who = f.group.length === limits.perGroup && f.account.length !== limits.perAccount ? "有人" : `${clip(a.name, 20)}`;
  const n = Math.max(f.account.length, f.group.length);
  const text =
    `【苗圃提醒】${who}${where}已连续输错绑定码${n}次，之后每次都要等更久才能再试。` +
    `如不是本人输错，可能有人在猜绑定码，请留意（审计日志 member.redeem-code）。`;
  if (await notifyCountyAdmins(db.sql, `bindcode-burst:${burst.join(",")}:${now.toISOString()}`, text, now)) outbox.wake();
}
