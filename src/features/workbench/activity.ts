// Week-by-week figures for the overview: feedback opened and closed, study check-ins, and
// each liaison group's messages in the last 7 days. Raw SQL: counts per week bucket are a
// GROUP BY on an expression, which Prisma's groupBy cannot write; each is one bounded statement.
import type { SqlRunner } from "../../db/database.ts";
import { pathUnder } from "../../db/area-sql.ts";
import type { AreaRef } from "../../domain/area.ts";
import { weekOf } from "../../domain/study-week.ts";

const WEEK_MS = 7 * 86_400_000;

export interface WeekRow {
  /** Monday 00:00, Beijing time. */
  start: Date;
  opened: number;
  closed: number;
  checkins: number;
}

/** The last `weeks` weeks (this one included), oldest first. */
export async function weeklyActivity(sql: SqlRunner, area: AreaRef, now: Date, weeks = 8): Promise<WeekRow[]> {
  const first = new Date(weekOf(now).start.getTime() - (weeks - 1) * WEEK_MS);
  const params = [area.path, first.toISOString()];
  const bucket = (column: string) => `floor(extract(epoch FROM (${column} - $2::timestamp)) / ${WEEK_MS / 1000})::int`;
  const [opened, closed, checkins] = await Promise.all([
    sql.query<{ w: number; n: number }>(
      `SELECT ${bucket('f."createdAt"')} AS w, count(*)::int AS n FROM "FeedbackItem" f
       WHERE f."createdAt" >= $2::timestamp AND f."areaId" IN (SELECT id FROM "Area" a WHERE ${pathUnder("a.path", 1)}) GROUP BY 1`,
      params,
    ),
    sql.query<{ w: number; n: number }>(
      `SELECT ${bucket('f."respondedAt"')} AS w, count(*)::int AS n FROM "FeedbackItem" f
       WHERE f.status = 'closed' AND f."respondedAt" >= $2::timestamp AND f."areaId" IN (SELECT id FROM "Area" a WHERE ${pathUnder("a.path", 1)}) GROUP BY 1`,
      params,
    ),
    sql.query<{ w: number; n: number }>(
      `SELECT ${bucket("k.at")} AS w, count(*)::int AS n FROM "StudyCheckin" k JOIN "Candidate" c ON c.id = k."candidateId"
       WHERE k.at >= $2::timestamp AND c."villageId" IN (SELECT id FROM "Area" a WHERE ${pathUnder("a.path", 1)}) GROUP BY 1`,
      params,
    ),
  ]);
  const at = (rows: { w: number; n: number }[], w: number) => rows.find((r) => r.w === w)?.n ?? 0;
  return Array.from({ length: weeks }, (_, w) => ({ start: new Date(first.getTime() + w * WEEK_MS), opened: at(opened, w), closed: at(closed, w), checkins: at(checkins, w) }));
}

/** Messages in each liaison group inside `area` over the last 7 days, busiest first. */
export async function groupActivity(sql: SqlRunner, area: AreaRef, now: Date): Promise<{ topic: string; messages: number }[]> {
  return sql.query<{ topic: string; messages: number }>(
    `SELECT g.topic, (SELECT count(*)::int FROM "ArchivedMessage" m WHERE m."groupId" = g.id AND m."sentAt" >= $2::timestamp) AS messages
     FROM "LiaisonGroup" g JOIN "Area" a ON a.id = g."areaId" WHERE ${pathUnder("a.path", 1)} ORDER BY messages DESC, g.id LIMIT 50`,
    [area.path, new Date(now.getTime() - WEEK_MS).toISOString()],
  );
}
