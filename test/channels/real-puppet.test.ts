// A real puppet is selected by name and driven up to the network edge: here
// wechaty-puppet-service, pointed at a loopback port where nothing answers gRPC.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WechatyChannel } from "../../src/channels/wechaty/wechaty-channel.ts";
import { TestApp } from "../support/harness.ts";

describe("WECHATY_PUPPET=wechaty-puppet-service", () => {
  let t: TestApp;
  let closed: Server;
  const previous = process.env.WECHATY_PUPPET_SERVICE_ENDPOINT;
  beforeAll(async () => {
    // Accepts TCP and hangs up: the puppet reaches the edge and finds no service there.
    closed = createServer((s) => s.destroy());
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as { port: number }).port;
    process.env.WECHATY_PUPPET_SERVICE_ENDPOINT = `127.0.0.1:${port}`;
    t = await TestApp.start({ http: true, env: { WECHATY_PUPPET: "wechaty-puppet-service", WECHATY_PUPPET_TOKEN: "insecure_miaopu_test" } });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    closed?.close();
    if (previous === undefined) delete process.env.WECHATY_PUPPET_SERVICE_ENDPOINT;
    else process.env.WECHATY_PUPPET_SERVICE_ENDPOINT = previous;
  });

  it("loads that puppet, has no demo or simulator, and reports the channel down", async () => {
    expect((t.app.channel() as WechatyChannel).bot.puppet.constructor.name).toBe("PuppetService");
    expect(t.app.world).toBeNull();
    expect(await t.prisma.area.count()).toBe(0);
    const health = await fetch(t.app.url + "/health");
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ database: { ok: true }, channels: [{ name: "wechat", ok: false, transport: "wechaty-puppet-service" }] });
    expect((await fetch(t.app.url + "/simulator")).status).toBe(404);
  });
});
