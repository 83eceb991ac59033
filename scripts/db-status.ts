// `npm run db:status`: which committed migrations the database (DATABASE_URL) has applied.
// Prisma's own `prisma migrate status` reads the same bookkeeping, but with PGlite it
// never exits (the adapter's handle stays open), so this is the everyday command.
import { loadConfig } from "../src/config.ts";
import { openDatabase, redact } from "../src/db/database.ts";
import { committedMigrations, pending } from "../src/db/migrate.ts";

const url = loadConfig().databaseUrl;
const db = await openDatabase(url);
try {
  const [row] = await db.sql.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`);
  const exists = row?.exists ?? false;
  const todo = exists ? await pending(db.sql) : committedMigrations();
  console.log(`${redact(url)}: ${committedMigrations().length} migrations committed, ${todo.length} not applied`);
  for (const name of todo) console.log(`  pending: ${name}`);
  if (todo.length) console.log("They are applied automatically when the bot starts (npm start).");
  process.exitCode = todo.length ? 1 : 0;
} finally {
  await db.close();
}
