import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma as P } from "./generated/client.ts";

// Two ways into the database, one rule:
// - Prisma by default: typed, readable, what a newcomer expects.
// - Raw SQL (SqlRunner) only where it earns its place, each statement saying which:
//   the message hot path (one round trip per message), row locks (FOR UPDATE SKIP
//   LOCKED, advisory locks), set-based batches (unnest, generate_series), reads
//   Prisma cannot bound in one statement (the latest few per key, by LATERAL), and
//   what runs in one transaction with the outbox. Never the same write both ways.
// - A Prisma write that must queue a message runs in `db.transaction`, whose `sql`
//   shares the Prisma transaction, and enqueues through it: both commit or neither.

export type Prisma = PrismaClient;
/** The client or a transaction's client: what a helper that may run inside a transaction takes. */
export type Db = PrismaClient | P.TransactionClient;

/** Statement-level access for what Prisma cannot express (row locks, ON CONFLICT, batches). */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Run `fn` on one connection (session-level locks need that; a pool would scatter the calls). */
  session<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
  /** Run `fn` in a transaction on one connection: committed if it returns, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: "pglite" | "postgres";
  prisma: Prisma;
  sql: SqlRunner;
  /**
   * One transaction for Prisma and raw SQL together, e.g. a state change and the
   * message that announces it:
   * `await db.transaction(async (tx) => { await tx.prisma.feedbackItem.update(…); await enqueue(tx.sql, […], now); })`.
   */
  transaction<T>(fn: (tx: { prisma: Db; sql: SqlRunner }) => Promise<T>): Promise<T>;
  /** Cheap round trip for /health. */
  ping(): Promise<boolean>;
  /** Bytes the database holds inside this process (PGlite's WebAssembly memory, which never shrinks); null for a server. */
  memoryBytes(): number | null;
  close(): Promise<void>;
}

/**
 * Open the database named by a URL:
 * - `pglite:memory` — in-process, in memory (tests);
 * - `pglite:<folder>` — in-process, stored in a folder (the default, ./data/pglite);
 * - `postgresql://…` — a PostgreSQL server.
 */
export async function openDatabase(url: string): Promise<Database> {
  if (url.startsWith("pglite:")) return openPglite(url.slice("pglite:".length));
  return openPostgres(url);
}

// Written into the data folder's postgresql.conf at every start, so existing folders get it too.
// - shared_buffers: PGlite's default buffers make a bare instance ~780 MB resident; a
//   county's data fits easily in less, and the insert rate was the same (bench/README.md).
// - wal_init_zero: PostgreSQL fills each new 16 MB WAL file with zeros, 1 MB per write of
//   128 pages; PGlite's Emscripten layer copies every such multi-page write into a fresh
//   1 MB buffer, and sixteen of those raised the C heap of `npm start` for good, by 11–15 MB,
//   at the first WAL file after the initial one (~7,000 messages in; bench section
//   `process`, soak). Off, the new file gets its size from one byte at its end, as on a
//   copy-on-write file system. Pre-allocating the file only protects against a full disk
//   with fsync on, and PGlite runs with fsync off (its `-F`) anyway.
const PGLITE_CONF = ["shared_buffers = 16MB", "wal_init_zero = off"];

// Prisma stores DateTime as UTC in "timestamp without time zone"; both drivers would
// read such a value as the server's local time, which is wrong on a machine set to
// Beijing time. Raw queries get UTC, as Prisma does.
const TIMESTAMP_OID = 1114;
const utcTimestamp = (s: string) => new Date(s.replace(" ", "T") + "Z");

export async function openPglite(location: string): Promise<Database> {
  let client: PGlite;
  if (location === "memory") {
    client = new PGlite({ postgresqlconf: PGLITE_CONF, parsers: { [TIMESTAMP_OID]: utcTimestamp } });
  } else {
    const dir = path.resolve(location);
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir, { postgresqlconf: PGLITE_CONF, parsers: { [TIMESTAMP_OID]: utcTimestamp } });
  }
  await client.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) as never }) // the adapter pins an older copy of the adapter-utils types;
  type Queryable = Pick<PGlite, "exec" | "query">;
  const runner = (q: Queryable, inTransaction: boolean): SqlRunner => {
    const self: SqlRunner = {
      exec: async (text) => void (await q.exec(text)),
      query: async (text, params) => (await q.query(text, params as unknown[])).rows as never,
      session: (fn) => fn(self), // PGlite has a single connection
      // PGlite's transaction() holds its lock until the end, so other callers' queries wait instead of joining it.
      transaction: (fn) => (inTransaction ? fn(self) : client.transaction((tx) => fn(runner(tx as Queryable, true)))),
    };
    return self;
  };
  const sql = runner(client, false);
  return {
    kind: "pglite",
    prisma,
    sql,
    transaction: (fn) => prismaTransaction(prisma, fn),
    ping: () => ping(sql),
    memoryBytes: () => (client.closed ? 0 : client.Module.HEAPU8.byteLength),
    async close() {
      await prisma.$disconnect();
      // An open PGlite handle keeps the event loop alive.
      if (!client.closed) await client.close();
    },
  };
}

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === TIMESTAMP_OID && format !== "binary" ? utcTimestamp : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle connection the server drops (restart, admin kill) must not take the process down;
  // the pool replaces it on next use.
  pool.on("error", (err) => process.stderr.write(`PostgreSQL connection lost: ${err.message}\n`));
  try {
    await pool.query("select 1");
  } catch (err) {
    await pool.end();
    throw new Error(`Cannot reach PostgreSQL at ${redact(url)}: ${(err as Error).message}. Check DATABASE_URL and that the server is running.`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const runner = (q: pg.Pool | pg.PoolClient, inTransaction = false): SqlRunner => ({
    exec: async (text) => void (await q.query(text)),
    query: async (text, params) => (await q.query(text, params as unknown[])).rows,
    session: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(runner(client));
      } finally {
        client.release();
      }
    },
    transaction: async (fn) => {
      if (inTransaction) return fn(runner(q, true));
      const own = q === pool;
      const client = own ? await pool.connect() : (q as pg.PoolClient);
      try {
        await client.query("BEGIN");
        const result = await fn(runner(client, true));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        if (own) client.release();
      }
    },
  });
  const sql = runner(pool);
  return {
    kind: "postgres",
    prisma,
    sql,
    transaction: (fn) => prismaTransaction(prisma, fn),
    ping: () => ping(sql),
    memoryBytes: () => null,
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/** A Prisma interactive transaction, with raw statements running inside it too. */
function prismaTransaction<T>(prisma: Prisma, fn: (tx: { prisma: Db; sql: SqlRunner }) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (ptx) => {
    const sql: SqlRunner = {
      exec: async (text) => void (await ptx.$executeRawUnsafe(text)),
      query: async (text, params = []) => (await ptx.$queryRawUnsafe(text, ...params)) as never,
      session: (f) => f(sql),
      transaction: (f) => f(sql),
    };
    return fn({ prisma: ptx, sql });
  }, { timeout: 30_000 });
}

async function ping(sql: SqlRunner): Promise<boolean> {
  try {
    await sql.query("select 1");
    return true;
  } catch {
    return false;
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}
