import type { Prisma, SqlRunner } from "../../db/database.ts";
import type { Checkin } from "../../domain/checkin.ts";

export interface NewCheckin extends Checkin {
  memberId: number;
  candidateId: number | null;
  groupId: number | null;
  /** The archived /打卡 message: a redelivery records nothing new. */
  messageId: number | null;
  at: Date;
}

/** Record a check-in; returns false when this message was already recorded (raw SQL: on the message path, ON CONFLICT). */
export async function recordCheckin(sql: SqlRunner, c: NewCheckin): Promise<boolean> {
  const rows = await sql.query(
    `INSERT INTO "StudyCheckin" ("memberId", "candidateId", "groupId", "messageId", platform, content, minutes, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT ("messageId") DO NOTHING RETURNING id`,
    [c.memberId, c.candidateId, c.groupId, c.messageId, c.platform, c.content, c.minutes, c.at.toISOString()],
  );
  return rows.length > 0;
}

/** Check-ins by this person (their record, or their account when unbound) since `from`. */
export async function checkinsSince(prisma: Prisma, who: { memberId: number; candidateId: number | null }, from: Date): Promise<number> {
  return prisma.studyCheckin.count({
    where: { at: { gte: from }, OR: [{ memberId: who.memberId }, ...(who.candidateId !== null ? [{ candidateId: who.candidateId }] : [])] },
  });
}
