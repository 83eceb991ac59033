import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL server this project's machines run; CI must have it. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

let available: Promise<string | null> | null = null;

/** null when PostgreSQL answers; otherwise why not. Under CI=true a missing server is an error. */
export function postgresUnavailable(): Promise<string | null> {
  available ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("select 1");
      return null;
    } catch (err) {
      const why = `PostgreSQL not reachable at ${PG_ADMIN_URL}: ${(err as Error).message}`;
      if (process.env.CI === "true") throw new Error(`${why}. CI requires the PostgreSQL suite; start the server (see README).`);
      console.warn(`[skip] PostgreSQL suite skipped — ${why}`);
      return why;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return available;
}

/** Create an empty database for one test file; returns its URL and a drop function. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `miaopu_test_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Database kinds every data test runs on: PGlite always, PostgreSQL where present. */
export const DB_KINDS = ["pglite", "postgres"] as const;
export type DbKind = (typeof DB_KINDS)[number];
