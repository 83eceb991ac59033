// Driver adapter for the Prisma CLI (prisma.config.ts): the same URL forms as the app.
import path from "node:path";
import { mkdirSync } from "node:fs";

export async function cliAdapter(url: string) {
  if (url.startsWith("pglite:")) {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const location = url.slice("pglite:".length);
    if (location !== "memory") mkdirSync(path.resolve(location), { recursive: true });
    return new PrismaPGlite(location === "memory" ? new PGlite() : new PGlite(path.resolve(location)));
  }
  const { PrismaPg } = await import("@prisma/adapter-pg");
  return new PrismaPg({ connectionString: url });
}
