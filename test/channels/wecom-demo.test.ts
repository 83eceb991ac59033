// The demo county with a WeCom group (WECOM_DEMO=true): the simulator lists it beside
// the WeChat groups, and typing there goes through the real WeCom bot channel and the
// fake WeCom server to the bot, whose answer comes back on the simulator's events.
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_WECOM_GROUP } from "../../src/demo/wecom-demo.ts";
import { TestApp, until } from "../support/harness.ts";

describe("the simulator with a WeCom group", { timeout: 90_000 }, () => {
  let t: TestApp;
  afterEach(() => t?.stop());

  it("shows the WeCom group, and the bot answers there", async () => {
    t = await TestApp.start({ http: true, jobs: false, env: { WECOM_DEMO: "true" } });
    await until("the demo WeCom bot to connect", () => t.app.channel("wecom").isReady());
    const world = (await (await fetch(`${t.app.url}/api/simulator/world`)).json()) as { groups: { roomId: string; topic: string; members: { wxid: string; name: string }[] }[] };
    const wecomGroup = world.groups.find((g) => g.roomId === DEMO_WECOM_GROUP.chatid);
    expect(wecomGroup).toMatchObject({ topic: "青山镇联系群（企业微信）" });
    expect(wecomGroup!.members.map((m) => m.name)).toContain("李娟");
    expect(world.groups.length).toBeGreaterThan(1);

    // Li Juan is one person on both: her WeCom account is bound to her WeChat record.
    const accounts = await t.prisma.chatMember.findMany({ where: { externalId: { in: ["wxid_demo_lijuan", "LiJuan"] } }, orderBy: { channel: "asc" } });
    expect(accounts.map((a) => a.channel)).toEqual(["wechat", "wecom"]);
    expect(accounts[0]!.candidateId).toBe(accounts[1]!.candidateId);

    const events = await fetch(`${t.app.url}/api/simulator/events`);
    const reader = events.body!.getReader();
    const said = await fetch(`${t.app.url}/api/simulator/say`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ roomId: DEMO_WECOM_GROUP.chatid, wxid: "LiJuan", text: "/档案" }) });
    expect(said.status).toBe(202);
    let seen = "";
    const decoder = new TextDecoder();
    while (!seen.includes("【档案")) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += decoder.decode(value);
    }
    await reader.cancel();
    const botLine = seen.split("\n").filter((l) => l.startsWith("data: ")).map((l) => JSON.parse(l.slice(6))).find((l) => l.fromBot && l.roomId === DEMO_WECOM_GROUP.chatid);
    expect(botLine.text).toContain("【档案 #");
    expect(botLine.text).toContain("李娟");
    expect(await t.prisma.archivedMessage.count({ where: { channel: "wecom", text: "/档案" } })).toBe(1);
  });
});
