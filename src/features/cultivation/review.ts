// The quarterly view of a township (研判晾晒): each trainee's and reserve's facts
// for the quarter, reviewed by the domain rule with reasons; warnings per village
// before elections. Raw SQL: one statement for a county's worth of people (the
// bench runs it for 10,000), each figure through an indexed (candidateId, at) lookup.
import type { Database } from "../../db/database.ts";
import { pathUnder } from "../../db/area-sql.ts";
import type { AreaRef } from "../../domain/area.ts";
import { verdictOf, type AppraisalChoice } from "../../domain/cultivation/appraisal.ts";
import { electionWarnings } from "../../domain/cultivation/election-warnings.ts";
import { quarterKey, quarterStart } from "../../domain/cultivation/light-touch.ts";
import { reviewCounts, reviewPerson, READINESS, type ReviewFacts } from "../../domain/cultivation/review.ts";
import type { Stage } from "../../domain/glossary.ts";
import { TIME_ZONE } from "../../domain/time.ts";
import { wallClock } from "../../domain/zoned-time.ts";

/** A row as the statement returns it: the facts, with the appraisal still as counts. */
type FactRow = Omit<ReviewFacts, "candidateId" | "postEvaluations" | "appraisal"> & {
  id: number;
  village: string;
  postEvaluations: AppraisalChoice[] | null;
  appraisal: { choice: AppraisalChoice; count: number }[] | null;
};

export async function reviewFacts(db: Database, area: AreaRef, now: Date): Promise<(ReviewFacts & { village: string })[]> {
  const from = quarterStart(now);
  const rows = await db.sql.query<FactRow>(
    `SELECT c.id, c.name, c.stage::text AS stage, v.name AS village,
            COALESCE((SELECT max(m.at) FROM "StageMove" m WHERE m."candidateId" = c.id), c."createdAt") AS since,
            (SELECT count(*) FROM "ArchivedMessage" a WHERE a."candidateId" = c.id AND a."sentAt" >= $2 AND a."sentAt" <= $3)::int AS messages,
            (SELECT count(*) FROM "FeedbackItem" f WHERE f."candidateId" = c.id AND f."createdAt" >= $2 AND f."createdAt" <= $3)::int AS feedback,
            (SELECT count(*) FROM "FeedbackItem" f WHERE f."candidateId" = c.id AND f."createdAt" >= $2 AND f."createdAt" <= $3 AND f.status = 'answered')::int AS answered,
            (SELECT COALESCE(sum(s.minutes), 0) FROM "StudyCheckin" s WHERE s."candidateId" = c.id AND s.at >= $2 AND s.at <= $3)::int AS "studyMinutes",
            (SELECT max(s.at) FROM "StudyCheckin" s WHERE s."candidateId" = c.id AND s.at <= $3) AS "lastStudyAt",
            (SELECT count(*) FROM "CultivationReport" r WHERE r."candidateId" = c.id AND r.at >= $2 AND r.at <= $3)::int AS reports,
            (SELECT max(r.at) FROM "CultivationReport" r WHERE r."candidateId" = c.id AND r.at <= $3) AS "lastReportAt",
            (SELECT count(*) FROM "MentorLog" l JOIN "MentorPair" p ON p.id = l."pairId" WHERE p."candidateId" = c.id AND l.at >= $2 AND l.at <= $3)::int AS "mentorContacts",
            (SELECT array_agg(pa.evaluation::text) FROM "PostAssignment" pa WHERE pa."candidateId" = c.id AND pa.evaluation IS NOT NULL AND pa."evaluatedAt" <= $3) AS "postEvaluations",
            (SELECT json_agg(json_build_object('choice', ac.choice, 'count', ac.count)) FROM "AppraisalCount" ac
              WHERE ac."candidateId" = c.id AND ac."roundId" = (
                SELECT s."roundId" FROM "AppraisalSubject" s JOIN "AppraisalRound" r ON r.id = s."roundId"
                 WHERE s."candidateId" = c.id AND r."closedAt" IS NOT NULL AND r."closedAt" <= $3 ORDER BY r."closedAt" DESC LIMIT 1)) AS appraisal
       FROM "Candidate" c JOIN "Area" v ON v.id = c."villageId"
      WHERE ${pathUnder("v.path", 1)} AND c.stage IN ('trainee', 'reserve')
      ORDER BY v.name, c.id`,
    [area.path, from.toISOString(), now.toISOString()],
  );
  return rows.map((r) => {
    const counts = { excellent: 0, competent: 0, basic: 0, incompetent: 0 } as Record<AppraisalChoice, number>;
    for (const a of r.appraisal ?? []) counts[a.choice] += a.count;
    return {
      candidateId: r.id, name: r.name, stage: r.stage, village: r.village, since: new Date(r.since),
      messages: r.messages, feedback: r.feedback, answered: r.answered, studyMinutes: r.studyMinutes,
      lastStudyAt: r.lastStudyAt && new Date(r.lastStudyAt), reports: r.reports, lastReportAt: r.lastReportAt && new Date(r.lastReportAt),
      mentorContacts: r.mentorContacts, postEvaluations: r.postEvaluations ?? [], appraisal: r.appraisal ? verdictOf(counts) : null,
    };
  });
}

/** Per village under the area: its pool, seats and next election, and the warnings. */
export async function villageWarnings(db: Database, area: AreaRef, now: Date) {
  const rows = await db.sql.query<{ id: number; name: string; seats: number | null; nextElection: string | null; people: { stage: Stage; gender: "male" | "female" | null; birthYear: number | null; education: string | null }[] | null }>(
    `SELECT v.id, v.name, e.seats, e."nextElection",
            (SELECT json_agg(json_build_object('stage', c.stage, 'gender', c.gender, 'birthYear', c."birthYear", 'education', c.education))
               FROM "Candidate" c WHERE c."villageId" = v.id AND c.stage = 'reserve') AS people
       FROM "Area" v LEFT JOIN "VillageElection" e ON e."villageId" = v.id
      WHERE v.level = 'village' AND ${pathUnder("v.path", 1)}
      ORDER BY v.name`,
    [area.path],
  );
  const year = wallClock(now.getTime(), TIME_ZONE).y;
  return rows
    .map((v) => ({ villageId: v.id, name: v.name, seats: v.seats, nextElection: v.nextElection, warnings: electionWarnings({ villageId: v.id, name: v.name, seats: v.seats, nextElection: v.nextElection, people: v.people ?? [] }, year) }))
    .filter((v) => v.warnings.length);
}

/** The quarterly view: counts by level (no ranking), each person's level and reasons, proposals, village warnings. */
export async function quarterlyReview(db: Database, area: AreaRef, now: Date) {
  const facts = await reviewFacts(db, area, now);
  const people = facts.map((f) => ({ ...reviewPerson(f, now), village: f.village, stage: f.stage }));
  return {
    quarter: quarterKey(now),
    area,
    counts: reviewCounts(people),
    people: people.map((p) => ({ ...p, levelLabel: READINESS[p.level] })),
    proposals: people.filter((p) => p.adjust.length).map((p) => ({ candidateId: p.candidateId, name: p.name, village: p.village, reasons: p.adjust })),
    villages: await villageWarnings(db, area, now),
  };
}
