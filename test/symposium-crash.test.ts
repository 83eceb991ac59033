// kill -9 in the middle of a symposium's invitations: the real app in a child process
// (test/support/outbox-child.ts) queues the invitations of two townships at start (the
// steps job's catch-up) and sends them; we kill it twice while it sends, restart it,
// and check that every invitee got the invitation, the step was not queued twice, and at
// most the message in flight at each kill went out twice.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { deliveries, killWhileSending, spawnChild } from "./support/crash-child.ts";
import { createPostgresDatabase, DB_KINDS, postgresUnavailable, type DbKind } from "./support/databases.ts";

const skipPg = await postgresUnavailable();
const KILL_AFTER = [3, 9];

const invitations = (logFile: string) => deliveries(logFile).filter((d) => d.text.includes("共商共谈座谈会定于"));

describe.each(DB_KINDS)("kill -9 during a symposium's invitations, on %s", (kind: DbKind) => {
  const skip = kind === "postgres" && skipPg !== null;
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it.skipIf(skip)(skip ? `skipped: ${skipPg}` : "every invitee is invited, the step is queued once, at most the message in flight repeats", { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "miaopu-sym-crash-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    let databaseUrl = `pglite:${path.join(dir, "pglite")}`;
    if (kind === "postgres") {
      const created = await createPostgresDatabase();
      databaseUrl = created.url;
      cleanups.push(created.drop);
    }
    const logFile = path.join(dir, "sent.jsonl");
    const children = [...KILL_AFTER, "final"].map((_, i) => spawnChild(databaseUrl, logFile, `sym-crash-${i + 1}`));
    cleanups.push(async () => {
      for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
    });

    // Two townships' campaigns with their day fixed and the invitations not yet queued.
    const db = await openDatabase(databaseUrl);
    let expected: { to: string; name: string }[] = [];
    try {
      await migrate(db.sql);
      await seedDemo(db.prisma);
      for (const township of ["青山镇", "白水乡"]) {
        const t = await db.prisma.area.findFirstOrThrow({ where: { name: township } });
        const c = await db.prisma.symposiumCampaign.create({
          data: {
            townshipId: t.id, season: "春节", seasonKind: "spring_festival", year: 2027, windowStart: "2027-01-27", windowEnd: "2027-02-20",
            state: "invited", askedAt: new Date(), date: "2027-02-09", startsAt: new Date("2027-02-09T06:00:00Z"), place: "镇党委会议室", revision: 1,
          },
        });
        const people = await db.prisma.candidate.findMany({ where: { village: { path: { startsWith: t.path } } }, include: { members: true } });
        await db.prisma.symposiumInvitee.createMany({ data: people.map((p) => ({ campaignId: c.id, candidateId: p.id, homeStatus: "coming" })) });
        expected = [...expected, ...people.map((p) => ({ to: p.members[0]!.externalId, name: p.name }))];
      }
    } finally {
      await db.close();
    }
    const groups = ["demo-qingshan@chatroom", "demo-baishui@chatroom"];
    await Promise.all(children.map((c) => c.warm));

    await killWhileSending(children, KILL_AFTER, () => invitations(logFile).length);

    const log = invitations(logFile);
    const count = new Map<string, number>();
    for (const d of log) count.set(d.to, (count.get(d.to) ?? 0) + 1);
    const lost = [...expected.map((e) => e.to), ...groups].filter((to) => !count.has(to));
    const repeated = [...count.values()].reduce((n, c) => n + c - 1, 0);
    console.log(`[symposium crash, ${kind}] ${expected.length + groups.length} invitations, ${KILL_AFTER.length} kills: delivered ${log.length}, lost ${lost.length}, repeated ${repeated}`);
    expect(lost).toEqual([]);
    expect(repeated).toBeLessThanOrEqual(KILL_AFTER.length);
    for (const e of expected) expect(log.find((d) => d.to === e.to)!.text).toMatch(new RegExp(`^${e.name}您好！`));

    const after = await openDatabase(databaseUrl);
    try {
      const [n] = await after.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE key LIKE 'symposium:%:invite%'`);
      expect(n!.n).toBe(expected.length + groups.length);
    } finally {
      await after.close();
    }
  });
});
