// `npm start` as a newcomer runs it: it comes up on embedded defaults, says where
// to look, serves /health, and stops cleanly on Ctrl+C.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { npmStart } from "./support/npm-start.ts";

describe("npm start", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "miaopu-start-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("comes up on embedded defaults, prints where to look, and shuts down on SIGINT", { timeout: 120_000 }, async () => {
    const app = npmStart({ DATABASE_URL: `pglite:${dir}/pglite`, SPOOL_DIR: `${dir}/spool`, HTTP_PORT: "0", LOG_LEVEL: "warn" });
    try {
      const health = (await app.waitFor(/health:\s+(http:\S+)/, 60_000))[1]!;
      const { stdout } = app.out();
      expect(stdout).toContain("苗圃 Miaopu is running.");
      expect(stdout).toMatch(/simulator:\s+http:\/\/127\.0\.0\.1:\d+\/simulator/);
      const res = await fetch(health);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", database: { kind: "pglite" } });
      expect(existsSync(path.join(dir, "pglite", "PG_VERSION"))).toBe(true);
      process.kill(-app.child.pid!, "SIGINT");
      // npm re-raises the Ctrl+C it was sent; our process below it must have finished its shutdown.
      expect([0, "SIGINT"]).toContain(await app.exited);
      expect(app.out().stdout).toContain("苗圃 Miaopu stopped cleanly.");
      expect(app.out().stderr).not.toMatch(/"level":"error"/);
    } finally {
      app.killIfRunning();
    }
  });

  it("stops at once, naming the variable, when the configuration is wrong", { timeout: 60_000 }, async () => {
    const app = npmStart({ DATABASE_URL: "mysql://nope", HTTP_PORT: "x" });
    expect(await app.exited).toBe(2);
    expect(app.out().stderr).toContain("DATABASE_URL: expected pglite:<folder>");
    expect(app.out().stderr).toContain("HTTP_PORT");
  });

  it("says how to fix an unreachable PostgreSQL", { timeout: 60_000 }, async () => {
    const app = npmStart({ DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none", SPOOL_DIR: `${dir}/spool2`, HTTP_PORT: "0" });
    expect(await app.exited).toBe(1);
    expect(app.out().stderr).toMatch(/Cannot reach PostgreSQL at postgresql:\/\/nobody@127\.0\.0\.1:1\/none.*Check DATABASE_URL/);
  });
});
