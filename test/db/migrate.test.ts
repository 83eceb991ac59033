// The committed migrations apply to both databases, once, and Prisma's own CLI agrees.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.ts";
import { committedMigrations, migrate, MIGRATIONS_DIR, pending } from "../../src/db/migrate.ts";
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

// An empty PGlite runs initdb first: seconds alone, far more on two busy cores.
describe("migrations on PGlite", { timeout: 120_000 }, () => {
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

  it("builds exactly the schema in prisma/schema.prisma, whose copy sits beside the last migration", async () => {
    // Migrations written on branches side by side each diff from the snapshot they saw;
    // this is where a merge that forgot one would show.
    const root = path.resolve(import.meta.dirname, "../..");
    const last = committedMigrations().at(-1)!;
    expect(readFileSync(path.join(MIGRATIONS_DIR, last, "schema.prisma"), "utf8")).toBe(readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8"));
    const script = execFileSync("npx", ["prisma", "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "pglite:memory" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const migrated = await openDatabase("pglite:memory");
    const direct = await openDatabase("pglite:memory");
    try {
      await migrate(migrated.sql);
      await direct.sql.exec(script);
      // Rules the schema language cannot state, written into a migration by hand.
      for (const sql of HAND_WRITTEN) await direct.sql.exec(sql);
      expect(await catalogue(migrated)).toEqual(await catalogue(direct));
    } finally {
      await migrated.close();
      await direct.close();
    }
  }, 120_000);
});

const HAND_WRITTEN = [`ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_target_check" CHECK (("groupId" IS NULL) <> ("areaId" IS NULL))`];

/** Tables, columns, enums, indexes and constraints, as PostgreSQL itself describes them. */
async function catalogue(db: Database) {
  const q = (text: string) => db.sql.query(text);
  return {
    columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns
                       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`),
    enums: await q(`SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, 2`),
    indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
    constraints: await q(`SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
                           WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`),
  };
}

