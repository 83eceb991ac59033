// The embedded database runs with the settings that keep `npm start` small, in a new data
// folder and in one an earlier version created (PGlite writes postgresql.conf at each start).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";

const dir = mkdtempSync(path.join(tmpdir(), "miaopu-pglite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = async (url: string) => {
  const db = await openDatabase(url);
  try {
    const rows = await db.sql.query<{ name: string; setting: string; unit: string | null }>(
      "SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'wal_init_zero') ORDER BY name");
    return Object.fromEntries(rows.map((r) => [r.name, r.unit === "8kB" ? `${(Number(r.setting) * 8) / 1024}MB` : r.setting]));
  } finally {
    await db.close();
  }
};

// initdb on two busy cores takes a while.
describe("PGlite settings", { timeout: 120_000 }, () => {
  it("a new data folder: 16 MB of buffers, and new WAL files are not zero-filled (each fill left ~13 MB on the C heap)", async () => {
    expect(await settings(`pglite:${dir}/db`)).toEqual({ shared_buffers: "16MB", wal_init_zero: "off" });
  });

  it("a folder whose postgresql.conf an earlier version wrote gets today's settings at the next start", async () => {
    const conf = path.join(dir, "db", "postgresql.conf");
    writeFileSync(conf, "shared_buffers = 16MB");
    expect(await settings(`pglite:${dir}/db`)).toEqual({ shared_buffers: "16MB", wal_init_zero: "off" });
    expect(readFileSync(conf, "utf8")).toContain("wal_init_zero = off");
  });
});
