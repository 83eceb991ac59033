import type { Prisma, SqlRunner } from "../../db/database.ts";
import type { Checkin } from "../../domain/checkin.ts";
import { pathUnder } from "../../db/area-sql.ts";

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

/**
 * Check-ins of people inside an area (of one person when `candidateId` is given),
 * counted up to `cap`. Raw SQL: Prisma's relation filter joins each check-in to its
 * person and village one at a time (about 100 ms to count 10,000 at county scale);
 * as a semi-join on the area's people it reads the (candidateId, at) index alone.
 */
export async function countCheckins(sql: SqlRunner, area: { path: string }, candidateId: number | undefined, cap: number): Promise<number> {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM "StudyCheckin"
        WHERE "candidateId" IN (SELECT c.id FROM "Candidate" c JOIN "Area" a ON a.id = c."villageId" WHERE ${pathUnder("a.path", 1)})
          AND ($2::int IS NULL OR "candidateId" = $2)
        LIMIT $3) AS capped`,
    [area.path, candidateId ?? null, cap],
  );
  return row!.n;
}
