import type { Db } from "../db/database.ts";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  outcome: "ok" | "denied";
  entity?: string;
  entityId?: string | number;
  detail?: Record<string, unknown>;
  /** When, by the app's clock (default: the database's now). */
  at?: Date;
}

/** Every write and every refusal leaves a line here. */
export async function audit(prisma: Db, e: AuditEntry): Promise<void> {
  await prisma.auditLog.create({
    data: {
      ...(e.at ? { at: e.at } : {}),
      actorId: e.actorId,
      action: e.action,
      outcome: e.outcome,
      entity: e.entity ?? null,
      entityId: e.entityId === undefined ? null : String(e.entityId),
      detail: (e.detail ?? undefined) as never,
    },
  });
}
