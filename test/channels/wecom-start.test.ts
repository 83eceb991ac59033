// `npm start` with the WeCom variables set and WeChat off: it connects to WeCom (the fake
// server on loopback standing in), says so, reports the channel on /health, and stops cleanly.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeWecomServer } from "../../src/channels/wecom/fake-server.ts";
import { npmStart } from "../support/npm-start.ts";

describe("npm start with WeCom", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "miaopu-wecom-start-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("connects to WeCom instead of WeChat and shows it", { timeout: 120_000 }, async () => {
    const server = await FakeWecomServer.start({ botId: "aib-county", secret: "county-secret-42", botName: "苗圃助手", people: {} });
    const app = npmStart({
      DATABASE_URL: `pglite:${dir}/pglite`,
      SPOOL_DIR: `${dir}/spool`,
      HTTP_PORT: "0",
      LOG_LEVEL: "info",
      WECHAT_ENABLED: "false",
      WECOM_BOT_ID: "aib-county",
      WECOM_BOT_SECRET: "county-secret-42",
      WECOM_WS_URL: server.url,
    });
    try {
      const health = (await app.waitFor(/health:\s+(http:\S+)/, 60_000))[1]!;
      expect(app.out().stdout).toMatch(/chat:\s+wecom via wecom-aibot/);
      expect(app.out().stdout).not.toMatch(/chat:\s+wechat/);
      const deadline = Date.now() + 20_000;
      let body: { status: string; channels: { name: string; ok: boolean }[] } | null = null;
      while (Date.now() < deadline) {
        body = await (await fetch(health)).json();
        if (body?.channels.every((c) => c.ok)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(body).toMatchObject({ status: "ok", channels: [{ name: "wecom", ok: true }] });
      expect(server.connections).toBe(1);
      app.interrupt();
      expect([0, "SIGINT"]).toContain(await app.exited);
      expect(app.out().stdout).toContain("苗圃 Miaopu stopped cleanly.");
      expect(app.out().stderr).toContain("wecom bot connected");
      expect(app.out().stderr).not.toContain("county-secret-42");
    } finally {
      app.killIfRunning();
      await server.close();
    }
  });
});
