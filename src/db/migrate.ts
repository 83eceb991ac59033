import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlRunner } from "./database.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

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
    const done = new Set(
      (await sql.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )).map((r) => r.migration_name),
    );
    const names = readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort();
    for (const name of names) {
      if (done.has(name)) continue;
      const script = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(script).digest("hex");
      const id = randomUUID();
      await sql.exec(`BEGIN;\n${script}\n;COMMIT;`).catch(async (err) => {
        await sql.exec("ROLLBACK").catch(() => undefined);
        throw new Error(`Migration ${name} failed: ${(err as Error).message}`);
      });
      await sql.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [id, checksum, name],
      );
      applied.push(name);
    }
  } finally {
    await sql.query("SELECT pg_advisory_unlock(72490501)");
  }
  return applied;
}
