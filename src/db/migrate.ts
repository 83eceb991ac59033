import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlRunner } from "./database.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** Committed migrations, in order. */
export function committedMigrations(dir = MIGRATIONS_DIR): string[] {
  return readdirSync(dir).filter((d) => /^\d{14}_[a-z0-9_]+$/.test(d)).sort();
}

/** Committed migrations this database has not applied (the database must have the bookkeeping table). */
export async function pending(sql: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  const done = new Set(
    (await sql.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    )).map((r) => r.migration_name),
  );
  return committedMigrations(dir).filter((name) => !done.has(name));
}

/**
 * Apply the committed migrations that the database has not seen, in order.
 * Bookkeeping uses Prisma's own `_prisma_migrations` table and checksum, so
 * `prisma migrate status` agrees with what ran here. An advisory lock keeps two
 * instances starting together on one PostgreSQL from applying a migration twice.
 */
export async function migrate(runner: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  return runner.session((sql) => migrateLocked(sql, dir));
}

async function migrateLocked(sql: SqlRunner, dir: string): Promise<string[]> {
  const applied: string[] = [];
  // Taken before anything else: CREATE TABLE IF NOT EXISTS itself races between instances.
  await sql.query("SELECT pg_advisory_lock(72490501)");
  try {
    await sql.exec(`
      CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
        "id" VARCHAR(36) PRIMARY KEY NOT NULL,
        "checksum" VARCHAR(64) NOT NULL,
        "finished_at" TIMESTAMPTZ,
        "migration_name" VARCHAR(255) NOT NULL,
        "logs" TEXT,
        "rolled_back_at" TIMESTAMPTZ,
        "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
        "applied_steps_count" INTEGER NOT NULL DEFAULT 0
      )`);
    for (const name of await pending(sql, dir)) {
      const script = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(script).digest("hex");
      // The record goes in the migration's own transaction: a crash between the two
      // would otherwise leave a migration applied but unrecorded, and the next start
      // would run it again. All three values are our own (uuid, hex, a checked name).
      await sql.exec(
        `BEGIN;\n${script}\n;INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ('${randomUUID()}', '${checksum}', now(), '${name}', 1);\nCOMMIT;`,
      ).catch(async (err) => {
        await sql.exec("ROLLBACK").catch(() => undefined);
        throw new Error(`Migration ${name} failed: ${(err as Error).message}`);
      });
      applied.push(name);
    }
  } finally {
    await sql.query("SELECT pg_advisory_unlock(72490501)");
  }
  return applied;
}
