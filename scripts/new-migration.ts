// Write a new migration: `npm run db:migration -- <name>`.
// `prisma migrate dev` cannot replay history through a driver adapter, so we diff
// the schema as of the last migration (kept beside it as schema.prisma) against
// prisma/schema.prisma and commit the SQL. The same file applies to PGlite and PostgreSQL.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>   (e.g. add_study_checkins)");
  process.exit(2);
}
const dir = path.join("prisma", "migrations");
mkdirSync(dir, { recursive: true });
const previous = readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort().at(-1);
const from = previous ? ["--from-schema-datamodel", path.join(dir, previous, "schema.prisma")] : ["--from-empty"];
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", path.join("prisma", "schema.prisma"), "--script"],
  // The CLI connects through the adapter even to diff two schema files. A throwaway
  // in-memory PGlite keeps it away from the app's data (it hung once on ./data/pglite).
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, DATABASE_URL: "pglite:memory" } },
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("No schema change since the last migration; nothing written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
mkdirSync(target);
writeFileSync(path.join(target, "migration.sql"), sql);
copyFileSync(path.join("prisma", "schema.prisma"), path.join(target, "schema.prisma"));
if (!existsSync(path.join(dir, "migration_lock.toml"))) {
  writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`Wrote ${target}/migration.sql`);
