// A 300-voter democratic appraisal on PGlite and PostgreSQL: 300 ballots cast at
// once over HTTP, each code counted once, the tally exact, and nothing in the rows
// the app writes that links a vote to a code or a voter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, postgresUnavailable, restartableDatabase } from "../support/databases.ts";
import { TestApp } from "../support/harness.ts";

const skipPg = await postgresUnavailable();
const CHOICES = ["优秀", "称职", "基本称职", "不称职"] as const;

describe.each(DB_KINDS)("a 300-voter appraisal on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "ballots", () => {
    let t: TestApp;
    let url: string;
    let drop = async () => {};
    beforeAll(async () => {
      const db = await restartableDatabase(kind);
      drop = db.drop;
      t = await TestApp.start({ ...db.opts, jobs: false, http: true });
      url = t.app.url!;
    });
    afterAll(async () => {
      await t?.stop();
      await drop();
    });
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(url + "/api" + path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };

    it("counts 300 ballots cast at once exactly once each, and refuses every code a second time", async () => {
      const village = await t.prisma.area.findFirstOrThrow({ where: { name: "青山村" } });
      const people = await t.prisma.candidate.findMany({ where: { villageId: village.id, name: { in: ["李娟", "张伟", "孙丽"] } }, orderBy: { id: "asc" } });
      const opened = await api("POST", "/appraisals", { villageId: village.id, candidateIds: people.map((p) => p.id), voters: 300, title: "2026年度民主测评" });
      expect(opened.status).toBe(200);
      expect(opened.body.codes).toBe(300);
      const roundId = opened.body.id;
      const { body: sheet } = await api("GET", `/appraisals/${roundId}/codes`);
      expect(new Set(sheet.codes).size).toBe(300);

      // A vote for someone not on the round is refused and leaves the code usable.
      const stranger = await t.prisma.candidate.findFirstOrThrow({ where: { name: "郑宇" } });
      const wrong = await api("POST", "/ballots", { code: sheet.codes[0], marks: { [stranger.id]: "优秀" } });
      expect(wrong).toEqual({ status: 400, body: expect.objectContaining({ error: expect.stringContaining("不在本轮测评名单") }) });

      // Voter i marks person j with choice (i + j) % 4, except that every tenth voter skips the third person.
      const expected = people.map(() => [0, 0, 0, 0]);
      const ballots = sheet.codes.map((code: string, i: number) => {
        const marks: Record<string, string> = {};
        people.forEach((p, j) => {
          if (j === 2 && i % 10 === 0) return;
          const c = (i + j) % 4;
          marks[p.id] = CHOICES[c]!;
          expected[j]![c]!++;
        });
        return { code, marks };
      });
      const first = await Promise.all(ballots.map((b: unknown) => api("POST", "/ballots", b)));
      expect(first.filter((r) => r.status === 200)).toHaveLength(300);
      const second = await Promise.all(ballots.map((b: unknown) => api("POST", "/ballots", b)));
      expect(second.every((r) => r.status === 400 && r.body.error === "这个选票码已经投过票了，每个码只能投一次。")).toBe(true);

      const { body: tally } = await api("GET", `/appraisals/${roundId}`);
      expect(tally).toMatchObject({ issued: 300, used: 300, participation: 100 });
      tally.people.forEach((p: any, j: number) => {
        expect([p.counts.excellent, p.counts.competent, p.counts.basic, p.counts.incompetent]).toEqual(expected[j]);
      });
      expect(tally.people[2].votes).toBe(270);
    }, 180_000); // 600 requests on a shared machine: room to finish, no timing asserted

    it("keeps no row that links a vote to a code or a voter", async () => {
      // The code table: a code, its round, used or not — no time, no voter, no vote.
      const columns = await t.app.db.sql.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('BallotCode', 'AppraisalCount') ORDER BY table_name, ordinal_position`,
      );
      expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual([
        "AppraisalCount.roundId", "AppraisalCount.candidateId", "AppraisalCount.choice", "AppraisalCount.count",
        "BallotCode.code", "BallotCode.roundId", "BallotCode.used",
      ]);
      // Votes exist only as counts: at most one row per person and choice.
      expect(await t.prisma.appraisalCount.count()).toBeLessThanOrEqual(12);
      // The audit lines of ballots name the round only, at the hour.
      const lines = await t.prisma.auditLog.findMany({ where: { action: "appraisal.ballot", outcome: "ok" } });
      expect(lines).toHaveLength(300);
      expect(lines.every((l) => l.actorId === null && l.detail === null && l.at.getUTCMinutes() === 0 && l.at.getUTCSeconds() === 0)).toBe(true);
      // No code appears anywhere else the app writes.
      const codes = (await t.prisma.ballotCode.findMany({ select: { code: true } })).map((c) => c.code);
      const elsewhere = await t.app.db.sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT detail::text AS s FROM "AuditLog" UNION ALL SELECT text FROM "OutboxMessage" UNION ALL SELECT text FROM "ArchivedMessage"
         ) x WHERE s ~ $1`,
        [codes.join("|")],
      );
      expect(elsewhere[0]!.n).toBe(0);
    });
  });
});
