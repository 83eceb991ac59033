// Prisma CLI configuration. The "js" engine runs the WebAssembly schema engine
// shipped inside the `prisma` package, so generate/migrate need no engine download.
// The driver adapter below is what connects; see README, "Database".
import path from "node:path";
import { defineConfig } from "prisma/config";

const target = process.env.DATABASE_URL || "pglite:./data/pglite";
// The schema's `url = env("DATABASE_URL")` must look like a PostgreSQL URL, or
// `prisma generate` falls back to downloading the native query engine.
if (!/^postgres(ql)?:\/\//.test(target)) process.env.DATABASE_URL = "postgresql://unused@localhost/unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const { cliAdapter } = await import("./src/db/cli-adapter.ts");
    return cliAdapter(target) as never; // the PGlite adapter pins an older copy of the adapter-utils types
  },
});
