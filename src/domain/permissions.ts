import { areaContains, type AreaRef } from "./area.ts";
import { ROLE_ORDER, type Role } from "./glossary.ts";

/**
 * Who is acting, in the chat or over HTTP: their role and, for cadres, the area
 * their rights cover. A reserve has no area: they act on nothing but their own file.
 */
export interface Actor {
  /** The chat account; null for a machine using the API token. */
  memberId: number | null;
  role: Role;
  candidateId: number | null;
  area: AreaRef | null;
}

export function atLeast(role: Role, min: Role): boolean {
  return ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(min);
}

export function isCadre(actor: Actor): boolean {
  return atLeast(actor.role, "village_cadre");
}

/** A cadre may act on what lies inside their area; nobody else may act on others. */
export function inScope(actor: Actor, target: { path: string }): boolean {
  return isCadre(actor) && actor.area !== null && areaContains(actor.area, target);
}

/**
 * A reserve sees only their own file; a cadre the files in their area; a mentor their
 * mentees' files wherever they live (mentoring is a relation, not a role: the caller says).
 */
export function canSeeCandidate(actor: Actor, candidate: { id: number; villagePath: string }, rel: { mentor?: boolean } = {}): boolean {
  if (actor.candidateId === candidate.id) return true;
  if (rel.mentor && actor.memberId !== null) return true;
  return inScope(actor, { path: candidate.villagePath });
}
