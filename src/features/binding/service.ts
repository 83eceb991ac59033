import { randomInt } from "node:crypto";
import type { Db, Prisma } from "../../db/database.ts";
import type { AppError } from "../../core/errors.ts";
import type { Role } from "../../domain/glossary.ts";
import { resolveArea } from "../areas/service.ts";

export const CODE_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * A one-time code that links whoever sends `/绑定 CODE` to a candidate record
 * (role reserve), or gives them a cadre role over an area.
 */
export async function createBindCode(
  prisma: Prisma,
  spec: { candidateId?: number; role: Role; areaId?: number; createdById?: number },
  now: Date,
): Promise<string> {
  for (;;) {
    const code = String(randomInt(100000, 1000000));
    const taken = await prisma.bindCode.findUnique({ where: { code } });
    if (taken && !taken.usedAt && taken.expiresAt > now) continue;
    await prisma.bindCode.upsert({
      where: { code },
      create: { code, ...spec, expiresAt: new Date(now.getTime() + CODE_TTL_MS) },
      update: { ...spec, candidateId: spec.candidateId ?? null, areaId: spec.areaId ?? null, usedAt: null, usedById: null, createdAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) },
    });
    return code;
  }
}

export type RedeemResult =
  | { ok: true; role: Role; candidateId: number | null; areaId: number | null }
  | { ok: false; reason: "unknown" | "used" | "expired" };

/** Use a code once: the member takes its candidate and role. */
export async function redeemBindCode(prisma: Prisma, code: string, memberId: number, now: Date): Promise<RedeemResult> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.bindCode.findUnique({ where: { code } });
    if (!row) return { ok: false, reason: "unknown" } as const;
    if (row.usedAt) return { ok: false, reason: "used" } as const;
    if (row.expiresAt <= now) return { ok: false, reason: "expired" } as const;
    const claimed = await tx.bindCode.updateMany({ where: { code, usedAt: null }, data: { usedAt: now, usedById: memberId } });
    if (claimed.count !== 1) return { ok: false, reason: "used" } as const;
    await bindMember(tx, memberId, { candidateId: row.candidateId, role: row.role, areaId: row.areaId });
    return { ok: true, role: row.role, candidateId: row.candidateId, areaId: row.areaId } as const;
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
