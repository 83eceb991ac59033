// The committed migrations apply to both databases, once, and Prisma's own CLI agrees.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { migrate, pending } from "../../src/db/migrate.ts";
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
  it("a migration that fails leaves nothing applied and nothing recorded; fixed, it applies", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "miaopu-migrations-"));
    const db = await openDatabase("pglite:memory");
    try {
      mkdirSync(path.join(dir, "20260101000000_one"));
      writeFileSync(path.join(dir, "20260101000000_one", "migration.sql"), `CREATE TABLE "One" (id int);`);
      mkdirSync(path.join(dir, "20260102000000_two"));
      writeFileSync(path.join(dir, "20260102000000_two", "migration.sql"), `CREATE TABLE "Two" (id int);\nSELECT 1/0;`);
      await expect(migrate(db.sql, dir)).rejects.toThrow(/Migration 20260102000000_two failed: division by zero/);
      expect(await pending(db.sql, dir)).toEqual(["20260102000000_two"]);
      expect((await db.sql.query(`SELECT to_regclass('"Two"') AS t`))[0]).toEqual({ t: null });
      writeFileSync(path.join(dir, "20260102000000_two", "migration.sql"), `CREATE TABLE "Two" (id int);`);
      expect(await migrate(db.sql, dir)).toEqual(["20260102000000_two"]);
      expect(await pending(db.sql, dir)).toEqual([]);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

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
