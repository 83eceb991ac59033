// Bench section `cultivation`: the quarterly review of a township of 10,000 people
// (each with a quarter of reports, check-ins, messages, mentoring and an appraisal),
// and 300 ballots cast at once on one round, each counted once. In-memory PGlite,
// migrated; the data is made with generate_series so the seeding is not what is timed.
import { openDatabase, type Database } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import type { Actor } from "../src/domain/permissions.ts";
import { castBallot, openRound, roundTally } from "../src/features/cultivation/appraisal.ts";
import { quarterlyReview } from "../src/features/cultivation/review.ts";
import type { BenchSection } from "./sections.ts";

const PEOPLE = 10_000;
const VILLAGES = 40;
const VOTERS = 300;
const NOW = new Date("2027-08-25T02:00:00Z"); // 10:00 Beijing, in Q3

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

async function seed(db: Database): Promise<{ townshipId: number; townshipPath: string; firstVillage: number }> {
  const sql = db.sql;
  const [county] = await sql.query<{ id: number }>(`INSERT INTO "Area" (name, level, path) VALUES ('基准县', 'county', 'pending-c') RETURNING id`);
  await sql.query(`UPDATE "Area" SET path = '/' || id || '/' WHERE id = $1`, [county!.id]);
  const [town] = await sql.query<{ id: number }>(`INSERT INTO "Area" (name, level, "parentId", path) VALUES ('基准镇', 'township', $1, 'pending-t') RETURNING id`, [county!.id]);
  const townshipPath = `/${county!.id}/${town!.id}/`;
  await sql.query(`UPDATE "Area" SET path = $2 WHERE id = $1`, [town!.id, townshipPath]);
  await sql.query(
    `INSERT INTO "Area" (name, level, "parentId", path) SELECT '基准' || g || '村', 'village', $1, 'pending-v' || g FROM generate_series(1, $2) g`,
    [town!.id, VILLAGES],
  );
  await sql.query(`UPDATE "Area" SET path = $1 || id || '/' WHERE "parentId" = $2`, [townshipPath, town!.id]);
  const villages = await sql.query<{ id: number }>(`SELECT id FROM "Area" WHERE "parentId" = $1 ORDER BY id`, [town!.id]);
  const v0 = villages[0]!.id;
  await sql.query(
    `INSERT INTO "Candidate" (name, gender, "birthYear", education, stage, "villageId", "createdAt", "updatedAt")
     SELECT '人员' || g, (CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END)::"Gender", 1970 + g % 35,
            (ARRAY['初中', '高中', '大专', '本科'])[1 + g % 4], (CASE WHEN g % 3 = 0 THEN 'trainee' ELSE 'reserve' END)::"CandidateStage",
            $1 + (g % $2), '2026-01-05', '2026-01-05'
       FROM generate_series(1, $3) g`,
    [v0, VILLAGES, PEOPLE],
  );
  // One chat account each, a report a month for two in three, check-ins weekly for most, 30 messages, a mentor log a month.
  await sql.query(`INSERT INTO "ChatMember" (channel, "externalId", "displayName", role, "candidateId", "updatedAt") SELECT 'wechat', 'wx' || id, name, 'reserve', id, now() FROM "Candidate"`);
  await sql.query(
    `INSERT INTO "CultivationReport" ("candidateId", period, text, at)
     SELECT c.id, to_char(d, 'YYYY-MM'), '思想稳定，参与村务，坚持学习', d FROM "Candidate" c, generate_series('2027-04-03'::timestamp, '2027-08-03', '1 month') d WHERE c.id % 3 <> 1`,
  );
  await sql.query(
    `INSERT INTO "StudyCheckin" ("memberId", "candidateId", platform, minutes, at)
     SELECT m.id, m."candidateId", '学习强国', 30, d FROM "ChatMember" m, generate_series('2027-05-01'::timestamp, '2027-08-20', '7 days') d WHERE m."candidateId" % 5 <> 0`,
  );
  await sql.query(
    `INSERT INTO "ArchivedMessage" (channel, "externalId", "memberId", "candidateId", kind, text, "sentAt")
     SELECT 'wechat', 'm' || m.id || '-' || g, m.id, m."candidateId", 'text', '收到', '2027-07-01'::timestamp + g * interval '1 day' FROM "ChatMember" m, generate_series(1, 30) g`,
  );
  const [mentor] = await sql.query<{ id: number }>(`INSERT INTO "ChatMember" (channel, "externalId", "displayName", role, "areaId", "updatedAt") VALUES ('wechat', 'mentor', '帮带人', 'village_cadre', $1, now()) RETURNING id`, [town!.id]);
  await sql.query(`INSERT INTO "MentorPair" ("candidateId", "mentorId", "startedAt") SELECT id, $1, '2027-01-01' FROM "Candidate" WHERE id % 2 = 0`, [mentor!.id]);
  await sql.query(`INSERT INTO "MentorLog" ("pairId", tags, note, at) SELECT p.id, ARRAY['experience'], '谈了产业发展', d FROM "MentorPair" p, generate_series('2027-07-05'::timestamp, '2027-08-05', '1 month') d`);
  // A closed appraisal for the first village's people.
  const [round] = await sql.query<{ id: number }>(`INSERT INTO "AppraisalRound" ("villageId", title, "openedAt", "closedAt") VALUES ($1, '测评', '2027-07-01', '2027-07-02') RETURNING id`, [v0]);
  await sql.query(`INSERT INTO "AppraisalSubject" ("roundId", "candidateId", name) SELECT $1, id, name FROM "Candidate" WHERE "villageId" = $2`, [round!.id, v0]);
  await sql.query(
    `INSERT INTO "AppraisalCount" ("roundId", "candidateId", choice, count) SELECT $1, s."candidateId", ch::"AppraisalChoice", 5 FROM "AppraisalSubject" s, unnest(ARRAY['excellent', 'competent']) ch WHERE s."roundId" = $1`,
    [round!.id],
  );
  // A live database has statistics (autovacuum); PGlite runs none, so gather them once.
  await sql.exec("ANALYZE");
  return { townshipId: town!.id, townshipPath, firstVillage: v0 };
}

export const cultivationSection: BenchSection = {
  name: "cultivation",
  title: "Growing the seedlings: the quarterly review for 10,000 people, 300 ballots cast at once",
  async run(log) {
    const problems: string[] = [];
    const db = await openDatabase("pglite:memory");
    try {
      await migrate(db.sql);
      log("seeding 10,000 people with a quarter of records");
      const { townshipId, townshipPath, firstVillage } = await seed(db);
      const area = { id: townshipId, name: "基准镇", level: "township" as const, path: townshipPath };

      // The review, measured with peak RSS sampled every 5 ms.
      global.gc?.();
      let peak = process.memoryUsage.rss();
      const before = peak;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
      const t0 = performance.now();
      const review = await quarterlyReview(db, area, NOW);
      const reviewMs = performance.now() - t0;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      if (review.people.length !== PEOPLE) problems.push(`review saw ${review.people.length} people, expected ${PEOPLE}`);
      if (review.people.some((p) => !p.reasons.length)) problems.push("a review result without reasons");
      log(`review: ${reviewMs.toFixed(0)} ms`);

      // 300 ballots at once on one round of five people.
      const actor: Actor = { memberId: null, role: "county_admin", candidateId: null, area: { id: 0, name: "全部", level: "county", path: "/" } };
      const subjects = await db.sql.query<{ id: number }>(`SELECT id FROM "Candidate" WHERE "villageId" = $1 ORDER BY id LIMIT 5`, [firstVillage]);
      const opened = await openRound(db, actor, { villageId: firstVillage, candidateIds: subjects.map((s) => s.id), voters: VOTERS }, NOW);
      const marks = Object.fromEntries(subjects.map((s, i) => [String(s.id), ["优秀", "称职", "基本称职", "不称职", "称职"][i]!]));
      const t1 = performance.now();
      const results = await Promise.allSettled([...opened.codes, ...opened.codes.slice(0, 30)].map((code) => castBallot(db, code, marks)));
      const ballotsMs = performance.now() - t1;
      const accepted = results.filter((r) => r.status === "fulfilled").length;
      const tally = await roundTally(db.prisma, opened.round.id);
      const counted = Math.min(...tally.people.map((p) => p.votes));
      if (accepted !== VOTERS) problems.push(`${accepted} ballots accepted, expected ${VOTERS} (30 codes were sent twice)`);
      if (tally.people.some((p) => p.votes !== VOTERS) || tally.used !== VOTERS) problems.push(`tally counts ${tally.people.map((p) => p.votes).join("/")} votes, ${tally.used} codes used; expected ${VOTERS} each`);

      return {
        lines: [
          `quarterly review, 1 township, ${PEOPLE.toLocaleString("en")} people in ${VILLAGES} villages: ${reviewMs.toFixed(0)} ms; peak RSS ${mb(peak)} MB (${mb(before)} MB before)`,
          `   levels: 成熟 ${review.counts.mature}, 培养中 ${review.counts.growing}, 需关注 ${review.counts.attention}; ${review.proposals.length} proposed for adjustment; ${review.villages.length} villages with warnings`,
          `${VOTERS} ballots cast at once (plus 30 codes sent a second time): ${ballotsMs.toFixed(0)} ms; accepted ${accepted}, counted ${counted} per person, codes used ${tally.used}`,
        ],
        json: { review_10k_ms: Math.round(reviewMs), review_10k_peak_rss_mb: Number(mb(peak)), ballots_300_ms: Math.round(ballotsMs), ballots_300_counted: counted },
        problems,
      };
    } finally {
      await db.close();
    }
  },
};
