import { randomInt } from "node:crypto";
import { forbidden, type AppError } from "../../core/errors.ts";
import type { Db, Prisma } from "../../db/database.ts";
import { resolveArea } from "../areas/service.ts";
import type { AreaRef } from "../../domain/area.ts";
import { ROLE, type Role } from "../../domain/glossary.ts";
import { inScope, isCadre, type Actor } from "../../domain/permissions.ts";
import { clip } from "../../domain/text.ts";

/** How long codes live and how hard they are to guess (config: BIND_*). */
export interface BindCodePolicy {
  /** A reserve's six-digit code, read out by a cadre. */
  reserveTtlMs: number;
  /** A code that carries a cadre role (`npm run admin -- code …`): 12 characters, short-lived. */
  roleTtlMs: number;
}

export const DEFAULT_BIND_CODES: BindCodePolicy = { reserveTtlMs: 7 * 86_400_000, roleTtlMs: 24 * 3_600_000 };

// No 0/O, 1/I/L: read aloud or copied by hand without mistakes. 31^12 ≈ 8·10^17.
const ROLE_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const ROLE_CODE_LENGTH = 12;

const carriesRole = (role: Role) => role !== "reserve" && role !== "guest";

/** How long a code for `role` is valid. */
export function codeTtlMs(role: Role, policy: BindCodePolicy = DEFAULT_BIND_CODES): number {
  return carriesRole(role) ? policy.roleTtlMs : policy.reserveTtlMs;
}

/** What a person typed as a code, as stored: full-width folded, spaces and dashes dropped, upper case; null if it is no code. */
export function readBindCode(typed: string): string | null {
  const code = typed.normalize("NFKC").replace(/[\s\-－—_]/g, "").toUpperCase();
  if (/^\d{6}$/.test(code)) return code;
  if (code.length === ROLE_CODE_LENGTH && [...code].every((c) => ROLE_CODE_ALPHABET.includes(c))) return code;
  return null;
}

/** "ABCD-EFGH-JKMN" for a role code; a six-digit code as is. */
export function showBindCode(code: string): string {
  return code.length === ROLE_CODE_LENGTH ? code.match(/.{4}/g)!.join("-") : code;
}

function newCode(role: Role): string {
  if (!carriesRole(role)) return String(randomInt(100000, 1000000));
  return Array.from({ length: ROLE_CODE_LENGTH }, () => ROLE_CODE_ALPHABET[randomInt(ROLE_CODE_ALPHABET.length)]).join("");
}

/**
 * A one-time code that links whoever sends `/绑定 CODE` to a candidate record
 * (role reserve: six digits), or gives them a cadre role over an area (twelve
 * letters and digits, valid for `policy.roleTtlMs`). Returns the code as stored.
 */
export async function createBindCode(
  prisma: Prisma,
  spec: { candidateId?: number; role: Role; areaId?: number; createdById?: number },
  now: Date,
  policy: BindCodePolicy = DEFAULT_BIND_CODES,
): Promise<string> {
  const expiresAt = new Date(now.getTime() + codeTtlMs(spec.role, policy));
  for (;;) {
    const code = newCode(spec.role);
    const taken = await prisma.bindCode.findUnique({ where: { code } });
    if (taken && !taken.usedAt && taken.expiresAt > now) continue;
    await prisma.bindCode.upsert({
      where: { code },
      create: { code, ...spec, expiresAt },
      update: { ...spec, candidateId: spec.candidateId ?? null, areaId: spec.areaId ?? null, usedAt: null, usedById: null, createdAt: now, expiresAt },
    });
    return code;
  }
}

export type RedeemResult =
  | { ok: true; role: Role; candidateId: number | null; candidateName: string | null; areaId: number | null }
  | { ok: false; reason: "unknown" | "used" | "expired" };

/** Use a code once: the member takes its candidate and role. */
export async function redeemBindCode(prisma: Prisma, code: string, memberId: number, now: Date): Promise<RedeemResult> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.bindCode.findUnique({ where: { code }, include: { candidate: { select: { name: true } } } });
    if (!row) return { ok: false, reason: "unknown" } as const;
    if (row.usedAt) return { ok: false, reason: "used" } as const;
    if (row.expiresAt <= now) return { ok: false, reason: "expired" } as const;
    const claimed = await tx.bindCode.updateMany({ where: { code, usedAt: null }, data: { usedAt: now, usedById: memberId } });
    if (claimed.count !== 1) return { ok: false, reason: "used" } as const;
    await bindMember(tx, memberId, { candidateId: row.candidateId, role: row.role, areaId: row.areaId });
    return { ok: true, role: row.role, candidateId: row.candidateId, candidateName: row.candidate?.name ?? null, areaId: row.areaId } as const;
  });
}

/**
 * Link a member to a candidate and/or give a role. A member keeps the higher of
 * their role and a reserve's when a cadre is also in the pool.
 */
export async function bindMember(
  prisma: Db,
  memberId: number,
  spec: { candidateId: number | null; role: Role; areaId: number | null },
): Promise<void> {
  const current = await prisma.chatMember.findUniqueOrThrow({ where: { id: memberId } });
  if (spec.candidateId !== null) {
    // One account per candidate on each channel: binding a new WeChat account unlinks
    // the old WeChat one, while the person's accounts on other channels stay bound.
    await prisma.chatMember.updateMany({
      where: { candidateId: spec.candidateId, channel: current.channel, id: { not: memberId } },
      data: { candidateId: null },
    });
  }
  const cadre = spec.role !== "reserve" && spec.role !== "guest";
  await prisma.chatMember.update({
    where: { id: memberId },
    data: {
      candidateId: spec.candidateId ?? current.candidateId,
      role: cadre ? spec.role : current.role === "guest" ? "reserve" : current.role,
      areaId: cadre ? spec.areaId : current.areaId,
    },
  });
  if (spec.candidateId !== null) {
    // Earlier messages of this person are filed against their record too.
    await prisma.archivedMessage.updateMany({ where: { memberId, candidateId: null }, data: { candidateId: spec.candidateId } });
    await prisma.feedbackItem.updateMany({ where: { authorId: memberId, candidateId: null }, data: { candidateId: spec.candidateId } });
    await prisma.studyCheckin.updateMany({ where: { memberId, candidateId: null }, data: { candidateId: spec.candidateId } });
  }
}

/**
 * Groups bound in the configuration (WeCom group robots, which hear nothing and so
 * cannot be bound from inside): each `{channel, externalId}` becomes a liaison group
 * of its area, created or moved at every start. An area that cannot be found stops
 * the start with the reason.
 */
export async function bindConfiguredGroups(prisma: Prisma, groups: { channel: string; externalId: string; area: string }[]): Promise<void> {
  for (const g of groups) {
    const area = await resolveArea(prisma, g.area, "群名@地名=key").catch((err: AppError) => {
      throw new Error(`WeCom robot ${g.externalId}: ${err.userMessage.split("\n")[0]}`);
    });
    await prisma.liaisonGroup.upsert({
      where: { channel_externalId: { channel: g.channel, externalId: g.externalId } },
      create: { channel: g.channel, externalId: g.externalId, topic: g.externalId, areaId: area.id },
      update: { areaId: area.id },
    });
  }
}

/** An account a cadre wants to bind to a record with `/绑定 @成员 …`, as the directory knows it. */
export interface BindTarget {
  id: number;
  displayName: string;
  role: Role;
  candidateId: number | null;
  candidateVillage: AreaRef | null;
}

/**
 * A cadre links someone else's account to a record. The record must be in the cadre's
 * area; so must the record the account is linked to now (else the cadre could pull a
 * person of another village off their own file); and an account holding a cadre role
 * is never bound by someone else — its owner uses a code. Refusals throw `forbidden`.
 */
export async function bindOtherMember(prisma: Db, actor: Actor, target: BindTarget, candidate: { id: number; name: string; village: AreaRef }): Promise<void> {
  if (!inScope(actor, candidate.village)) throw forbidden(`档案 #${candidate.id} 不在您负责的范围内。`, { candidateId: candidate.id });
  if (isCadre({ ...actor, role: target.role })) {
    throw forbidden(`${clip(target.displayName, 20)}是${ROLE[target.role]}，不能由别人为其绑定档案；请本人用绑定码绑定。`, { memberId: target.id, role: target.role });
  }
  if (target.candidateId !== null && target.candidateId !== candidate.id && !(target.candidateVillage && inScope(actor, target.candidateVillage))) {
    throw forbidden(`${clip(target.displayName, 20)}已关联了您负责范围以外的档案，不能改绑。`, { memberId: target.id });
  }
  await bindMember(prisma, target.id, { candidateId: candidate.id, role: "reserve", areaId: null });
}

/**
 * Make a group the liaison group of `area`. Rebinding a group already bound needs
 * scope over its current area too: a village cadre may not take over a township's group.
 */
export async function bindGroupToArea(
  prisma: Db,
  actor: Actor,
  group: { channel: string; externalId: string; topic: string },
  area: AreaRef,
  now: Date,
): Promise<{ id: number }> {
  if (!inScope(actor, area)) throw forbidden(`${area.name}不在您负责的范围内，不能绑定。`, { areaId: area.id });
  const current = await prisma.liaisonGroup.findUnique({
    where: { channel_externalId: { channel: group.channel, externalId: group.externalId } },
    select: { area: { select: { id: true, name: true, path: true } } },
  });
  if (current && !inScope(actor, current.area)) {
    throw forbidden(`本群已是${current.area.name}的联系群，${current.area.name}不在您负责的范围内，不能改绑。`, { areaId: current.area.id });
  }
  return prisma.liaisonGroup.upsert({
    where: { channel_externalId: { channel: group.channel, externalId: group.externalId } },
    create: { channel: group.channel, externalId: group.externalId, topic: group.topic, areaId: area.id, boundById: actor.memberId },
    update: { areaId: area.id, boundById: actor.memberId, boundAt: now },
    select: { id: true },
  });
}
