import type { Database } from "../../db/database.ts";
import type { AreaRef } from "../../domain/area.ts";
import type { Role } from "../../domain/glossary.ts";
import type { Actor } from "../../domain/permissions.ts";

export interface GroupRecord {
  id: number;
  topic: string;
  area: AreaRef;
}

export interface MemberRecord {
  id: number;
  displayName: string;
  role: Role;
  candidateId: number | null;
  candidateName: string | null;
  candidateVillage: AreaRef | null;
  area: AreaRef | null;
  askedToIdentifyAt: Date | null;
}

const areaSelect = { id: true, name: true, level: true, path: true } as const;

/**
 * Who is who and which group is which, read through a short-lived cache:
 * every message needs both, and they change only by command.
 * Writes through this class invalidate its cache; other instances see the
 * change when their entry expires (ttlMs).
 */
export class Directory {
  // Entries hold the promise, so messages arriving together on an expired entry share one query.
  private readonly groups = new Map<string, { at: number; value: Promise<GroupRecord | null> }>();
  private readonly members = new Map<string, { at: number; value: Promise<MemberRecord>; displayName: string }>();

  constructor(
    private readonly db: Database,
    private readonly ttlMs = 30_000,
    private readonly clock: () => number = Date.now,
  ) {}

  group(channel: string, externalId: string): Promise<GroupRecord | null> {
    const key = `${channel}\u0000${externalId}`;
    const hit = this.groups.get(key);
    if (hit && this.clock() - hit.at < this.ttlMs) return hit.value;
    const value = this.db.prisma.liaisonGroup
      .findUnique({
        where: { channel_externalId: { channel, externalId } },
        select: { id: true, topic: true, area: { select: areaSelect } },
      })
      .then((row) => (row ? { id: row.id, topic: row.topic, area: row.area } : null));
    this.remember(this.groups, key, { at: this.clock(), value });
    return value;
  }

  /** The member for a sender, created as a guest the first time they are seen. */
  member(channel: string, externalId: string, displayName: string): Promise<MemberRecord> {
    const key = `${channel}\u0000${externalId}`;
    const hit = this.members.get(key);
    if (hit && this.clock() - hit.at < this.ttlMs && hit.displayName === displayName) return hit.value;
    const value = this.loadMember(channel, externalId, displayName);
    this.remember(this.members, key, { at: this.clock(), value, displayName });
    return value;
  }

  private async loadMember(channel: string, externalId: string, displayName: string): Promise<MemberRecord> {
    const where = { channel_externalId: { channel, externalId } };
    const select = {
      id: true,
      displayName: true,
      role: true,
      candidateId: true,
      askedToIdentifyAt: true,
      area: { select: areaSelect },
      candidate: { select: { name: true, village: { select: areaSelect } } },
    } as const;
    // Read first: a write only for someone new or renamed.
    let row = await this.db.prisma.chatMember.findUnique({ where, select });
    if (!row || row.displayName !== displayName) {
      row = await this.db.prisma.chatMember.upsert({
        where,
        create: { channel, externalId, displayName },
        update: { displayName },
        select,
      });
    }
    return {
      id: row.id,
      displayName: row.displayName,
      role: row.role,
      candidateId: row.candidateId,
      candidateName: row.candidate?.name ?? null,
      candidateVillage: row.candidate?.village ?? null,
      area: row.area,
      askedToIdentifyAt: row.askedToIdentifyAt,
    };
  }

  /** Cache an entry; a failed load is forgotten so the next message tries again. */
  private remember<E extends { value: Promise<unknown> }>(map: Map<string, E>, key: string, entry: E): void {
    map.set(key, entry);
    entry.value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
  }

  forgetGroup(channel: string, externalId: string): void {
    this.groups.delete(`${channel}\u0000${externalId}`);
  }

  forgetMember(channel: string, externalId: string): void {
    this.members.delete(`${channel}\u0000${externalId}`);
  }
}

export function actorOf(m: MemberRecord): Actor {
  return { memberId: m.id, role: m.role, candidateId: m.candidateId, area: m.area };
}
