// Issue 8, items 9–10 over HTTP: the simulator off loopback, and the Host header on
// loopback without a token (DNS rebinding).
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestApp } from "../support/harness.ts";

/** A request with any Host header (fetch would not let a test forge it). */
function get(url: string, path: string, opts: { host?: string; method?: string; body?: string; token?: string } = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: u.port,
        path,
        method: opts.method ?? "GET",
        headers: {
          host: opts.host ?? `127.0.0.1:${u.port}`,
          ...(opts.body ? { "content-type": "application/json" } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
      },
      (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        // The event stream never ends: its status is enough.
        if (res.headers["content-type"]?.includes("event-stream")) {
          resolve({ status: res.statusCode!, body: "" });
          res.destroy();
        } else res.on("end", () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const say = JSON.stringify({ roomId: "demo-qingshan@chatroom", wxid: "wxid_demo_county", text: "/外发 恢复" });

describe("off loopback, with a token", () => {
  let t: TestApp;
  const token = "token-for-the-test-0123";
  beforeAll(async () => {
    t = await TestApp.start({ http: true, env: { HTTP_HOST: "0.0.0.0", API_TOKEN: token } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("the simulator does not exist: nobody speaks as the county administrator, nobody streams the groups", async () => {
    for (const [path, method] of [["/api/simulator/say", "POST"], ["/api/simulator/events", "GET"], ["/api/simulator/world", "GET"], ["/simulator", "GET"]] as const) {
      const res = await get(t.app.url!, path, { method, body: method === "POST" ? say : undefined });
      expect([401, 404], path).toContain(res.status);
      // Not even with the token: the simulator is for a loopback demo only.
      expect([401, 404], path).toContain((await get(t.app.url!, path, { method, token, body: method === "POST" ? say : undefined })).status);
    }
    expect(await t.prisma.archivedMessage.count({ where: { text: "/外发 恢复" } })).toBe(0);
    // The API still answers with the token, and any Host header is fine off loopback.
    expect((await get(t.app.url!, "/api/areas", { token, host: "miaopu.example.cn" })).status).toBe(200);
    expect((await get(t.app.url!, "/api/areas", { host: "miaopu.example.cn" })).status).toBe(401);
  });
});

describe("on loopback without a token", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ http: true });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("answers requests addressed to this machine only (DNS rebinding)", async () => {
    const port = new URL(t.app.url!).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, "localhost"]) expect((await get(t.app.url!, "/api/areas", { host })).status, host).toBe(200);
    for (const host of [`evil.example.com:${port}`, "rebind.attacker.test", `10.0.0.5:${port}`]) {
      expect((await get(t.app.url!, "/api/candidates", { host })).status, host).toBe(403);
      expect((await get(t.app.url!, "/api/simulator/say", { host, method: "POST", body: say })).status, host).toBe(403);
    }
    expect((await get(t.app.url!, "/simulator")).status).toBe(200);
  });

  it("query numbers are decimal: 0x10 is refused in Chinese, not read as 16", async () => {
    const res = await get(t.app.url!, "/api/candidates?area=0x10");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toContain("应为十进制数字");
  });
});
