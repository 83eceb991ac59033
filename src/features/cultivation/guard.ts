// One way to refuse in this feature: audit the refusal, then throw the coded error
// the edge renders (a Chinese sentence in chat, a 4xx over HTTP). Nothing changes.
import { AppError, forbidden, notFound } from "../../core/errors.ts";
import type { Db } from "../../db/database.ts";
import { atLeast, canSeeCandidate, inScope, type Actor } from "../../domain/permissions.ts";
import type { Role } from "../../domain/glossary.ts";
import { ROLE } from "../../domain/glossary.ts";
import { audit } from "../audit.ts";

export type Person = { id: number; name: string; stage: import("../../domain/glossary.ts").Stage; villageId: number; village: { id: number; name: string; path: string; level: string } };

export async function refuse(prisma: Db, actor: Actor, action: string, err: AppError, entity?: { entity: string; entityId: number | string }): Promise<never> {
  await audit(prisma, { actorId: actor.memberId, action, outcome: "denied", ...entity, detail: { code: err.code, reason: err.userMessage } });
  throw err;
}

/** The person with their village, or a not-found that reads the same as "not yours". */
export async function personFor(prisma: Db, actor: Actor, id: number, action: string): Promise<Person> {
  const c = await prisma.candidate.findUnique({ where: { id }, include: { village: { select: { id: true, name: true, path: true, level: true } } } });
  if (!c || !canSeeCandidate(actor, { id, villagePath: c.village.path })) {
    return refuse(prisma, actor, action, notFound(`没有档案 #${id}，或不在您负责的范围内。`, { id }));
  }
  return c;
}

/** A cadre of at least `min` whose area covers the person; else refused and audited. */
export async function requireOver(prisma: Db, actor: Actor, person: Person, min: Role, action: string): Promise<void> {
  if (!atLeast(actor.role, min)) {
    await refuse(prisma, actor, action, forbidden(`这一步须由${ROLE[min]}及以上办理。`), { entity: "Candidate", entityId: person.id });
  }
  if (!inScope(actor, person.village)) {
    await refuse(prisma, actor, action, forbidden(`${person.name}（${person.village.name}）不在您负责的范围内。`), { entity: "Candidate", entityId: person.id });
  }
}
