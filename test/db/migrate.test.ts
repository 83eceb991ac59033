// The committed migrations apply to both databases, once, and Prisma's own CLI agrees.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { createPostgresDatabase, postgresUnavailable } from "../support/databases.ts";

const skipPg = await postgresUnavailable();

describe.skipIf(skipPg !== null)("migrations on PostgreSQL", () => {
  let db: Database;
  let created: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    created = await createPostgresDatabase();
    db = await openDatabase(created.url);
  });
  afterAll(async () => {
    await db?.close();
    await created?.drop();
  });

  it("applies every migration once, even when two instances start together", async () => {
    const other = await openDatabase(created.url);
    try {
      const [a, b] = await Promise.all([migrate(db.sql), migrate(other.sql)]);
      expect([...a, ...b]).toHaveLength(new Set([...a, ...b]).size);
      expect(a.length + b.length).toBeGreaterThan(0);
      expect(await migrate(db.sql)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("leaves Prisma's CLI seeing the database as up to date", () => {
    const out = execFileSync("npx", ["prisma", "migrate", "status"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, DATABASE_URL: created.url },
      encoding: "utf8",
    });
    expect(out).toContain("Database schema is up to date!");
  });
});

describe("migrations on PGlite", () => {
  it("applies to an empty database and is a no-op the second time", async () => {
    const db = await openDatabase("pglite:memory");
    try {
      expect((await migrate(db.sql)).length).toBeGreaterThan(0);
      expect(await migrate(db.sql)).toEqual([]);
      expect(await db.prisma.candidate.count()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
