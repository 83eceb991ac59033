// Throwaway databases on the local PostgreSQL, for the test suite and the bench.
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../../src/db/database.ts";
import { migrate } from "../../src/db/migrate.ts";
import { seedDemo } from "../../src/demo/seed.ts";

/** The PostgreSQL server this project's machines run; CI must have it. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin<T>(f: (c: pg.Client) => Promise<T>, timeoutMs = 5000): Promise<T> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: timeoutMs });
  c.on("error", () => undefined);
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** null when PostgreSQL answers; otherwise why not. */
export async function postgresUnreachable(): Promise<string | null> {
  try {
    await admin((c) => c.query("select 1"), 2000);
    return null;
  } catch (err) {
    return `PostgreSQL not reachable at ${PG_ADMIN_URL}: ${(err as Error).message}`;
  }
}

let available: Promise<string | null> | null = null;

/** For tests: null when PostgreSQL answers, else why not. Under CI=true a missing server is an error. */
export function postgresUnavailable(): Promise<string | null> {
  available ??= postgresUnreachable().then((why) => {
    if (!why) return null;
    if (process.env.CI === "true") throw new Error(`${why}. CI requires the PostgreSQL suite; start the server (see README).`);
    console.warn(`[skip] PostgreSQL suite skipped — ${why}`);
    return why;
  });
  return available;
}

export async function postgresVersion(): Promise<string> {
  return admin(async (c) => (await c.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version.split(" ")[0]!);
}

/**
 * Create an empty database; returns its URL and a drop function. The drop gives the
 * app's connections a moment to finish closing before it terminates what is left.
 */
export async function createPostgresDatabase(prefix = "miaopu_test"): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | null = null;
  return {
    name,
    url: url.toString(),
    drop: () =>
      (dropped ??= admin(async (c) => {
        for (let i = 0; i < 50; i++) {
          const { rows } = await c.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1", [name]);
          if (Number(rows[0]!.n) === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      })),
  };
}

/** Database kinds every data test runs on: PGlite always, PostgreSQL where present. */
export const DB_KINDS = ["pglite", "postgres"] as const;
export type DbKind = (typeof DB_KINDS)[number];

// PGlite runs initdb at every start of an empty instance (seconds on two busy cores);
// a copy of one migrated (and demo-seeded) folder opens in well under a second. One
// template of each kind per test file (each file runs in its own worker).
const templates = new Map<boolean, Promise<string>>();
const folders: string[] = [];

/** A fresh PGlite folder, migrated and (unless `seed` is false) holding the demo county; removed when the worker exits. */
export async function seededPgliteFolder(seed = true): Promise<{ dir: string; remove: () => void }> {
  let template = templates.get(seed);
  if (!template) {
    template = (async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "miaopu-template-"));
      folders.push(dir);
      const db = await openDatabase(`pglite:${dir}`);
      await migrate(db.sql);
      if (seed) await seedDemo(db.prisma);
      await db.close();
      return dir;
    })();
    templates.set(seed, template);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "miaopu-db-"));
  folders.push(dir);
  cpSync(await template, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A database that outlives an app, for restarts: a copy of the seeded template folder, or a PostgreSQL database. */
export async function restartableDatabase(kind: DbKind): Promise<{ opts: { pgliteDir?: string; databaseUrl?: string }; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const folder = await seededPgliteFolder();
    return { opts: { pgliteDir: folder.dir }, drop: async () => folder.remove() };
  }
  const pg = await createPostgresDatabase();
  return { opts: { databaseUrl: pg.url }, drop: pg.drop };
}

process.on("exit", () => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});
