// WeCom group robots in the app: a fake webhook on loopback (real HTTP) that holds each
// robot to WeCom's 20 a minute by the test's clock, the outbox on a real database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeWebhookServer } from "../../src/channels/wecom/fake-webhook.ts";
import { FakeWecomServer } from "../../src/channels/wecom/fake-server.ts";
import { createLogger } from "../../src/core/logger.ts";
import { P, QS, TestApp, until } from "../support/harness.ts";

const QS_KEY = "5d1c0b6e-93f2-4a7e-b8d1-qingshan0001";
const BS_KEY = "e27a44c0-1b5d-4c39-9f0e-baishui00002";
const ROBOTS = `青山镇联系群@青山镇=${QS_KEY};白水乡通知群@白水乡=${BS_KEY}`;
const bj = (s: string) => new Date(s.replace(" ", "T") + ":00+08:00");

describe("WeCom group robots in the app", { timeout: 90_000 }, () => {
  let hook: FakeWebhookServer;
  let t: TestApp;
  let clock: Date;
  let logs: string[];

  beforeEach(async () => {
    clock = bj("2026-11-30 10:00");
    logs = [];
    hook = await FakeWebhookServer.start([QS_KEY, BS_KEY], () => clock);
  });
  afterEach(async () => {
    await t?.stop();
    await hook.close();
  });

  const start = (env: Record<string, string> = {}) =>
    TestApp.start({
      jobs: false,
      now: () => clock,
      env: { WECOM_ROBOTS: ROBOTS, WECOM_ROBOT_URL: hook.url, LOG_LEVEL: "debug", ...env },
      log: createLogger("debug", {}, (l) => logs.push(l)),
    });
  /** Step the robots' sender until it has to wait; how many it handed over. */
  const stepRobots = async () => {
    let n = 0;
    while ((await t.app.outbox.sender("wecom-robot").step()) === 0) n++;
    return n;
  };
  const queue = (robot: string, n: number, prefix: string) =>
    t.app.outbox.enqueue(
      Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, channel: "wecom-robot", conversation: robot, isGroup: true, text: `${prefix} 第${i + 1}条通知`, purpose: "test" })),
      clock,
    );

  it("binds each robot's group to its area from the configuration, and shows the channel", async () => {
    t = await start();
    const groups = await t.prisma.liaisonGroup.findMany({ where: { channel: "wecom-robot" }, include: { area: true }, orderBy: { id: "asc" } });
    expect(groups.map((g) => [g.externalId, g.area.name])).toEqual([["青山镇联系群", "青山镇"], ["白水乡通知群", "白水乡"]]);
    expect(t.app.channels.map((c) => c.name)).toEqual(["wechat", "wecom-robot"]);
  });

  it("holds each robot to 20 messages a minute, robots side by side", async () => {
    t = await start();
    await queue("青山镇联系群", 30, "qs");
    await queue("白水乡通知群", 30, "bs");
    const start0 = clock.getTime();
    for (let s = 0; s <= 120; s++) {
      clock = new Date(start0 + s * 1000);
      await stepRobots();
    }
    expect(hook.tooFast.size).toBe(0);
    for (const key of [QS_KEY, BS_KEY]) {
      const times = hook.posts.filter((p) => p.key === key).map((p) => p.at.getTime());
      expect(times).toHaveLength(30);
      // No 60 s window holds more than 20 of one robot's messages.
      for (const t0 of times) expect(times.filter((x) => x >= t0 && x < t0 + 60_000).length).toBeLessThanOrEqual(20);
    }
    // In order, per robot.
    expect(hook.posts.filter((p) => p.key === QS_KEY).map((p) => p.content).slice(0, 3)).toEqual(["qs 第1条通知", "qs 第2条通知", "qs 第3条通知"]);
  });

  it("retries a failed post, pauses on 45009 for about a minute, and never shows a key", async () => {
    t = await start();
    hook.failNext(-1, "system busy", 500);
    await queue("青山镇联系群", 1, "a");
    await stepRobots();
    let row = await t.prisma.outboxMessage.findFirstOrThrow({ where: { key: "a0" } });
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "robot 青山镇联系群: HTTP 500" });
    clock = new Date(clock.getTime() + 60_000);
    await stepRobots();
    row = await t.prisma.outboxMessage.findFirstOrThrow({ where: { key: "a0" } });
    expect(row.status).toBe("sent");

    hook.failNext(45009, "api freq out of limit");
    await queue("白水乡通知群", 1, "b");
    await stepRobots();
    expect((await t.prisma.outboxChannel.findUniqueOrThrow({ where: { channel: "wecom-robot" } })).haltReason).toBe("rate_limited");
    clock = new Date(clock.getTime() + 61_000);
    await stepRobots();
    expect((await t.prisma.outboxMessage.findFirstOrThrow({ where: { key: "b0" } })).status).toBe("sent");

    // An unreachable webhook: the error names the robot, not the address that holds the key.
    await hook.close();
    await queue("青山镇联系群", 1, "c");
    await stepRobots();
    expect((await t.prisma.outboxMessage.findFirstOrThrow({ where: { key: "c0" } })).lastError).toBe("robot 青山镇联系群: network error");
    hook = await FakeWebhookServer.start([QS_KEY, BS_KEY], () => clock);

    const stored = JSON.stringify(await t.prisma.outboxMessage.findMany());
    for (const key of [QS_KEY, BS_KEY]) {
      expect(logs.join("\n")).not.toContain(key);
      expect(stored).not.toContain(key);
    }
    expect(logs.some((l) => l.includes("outbox send failed"))).toBe(true);
  });

  it("sends the weekly study summary to a robot's group, and no nudge or digest through a robot", async () => {
    t = await start();
    await t.ask(P.lijuan, QS, "/打卡 学习强国 30分钟");
    clock = bj("2026-12-06 20:00"); // Sunday evening: the round for the week of 11-30
    await t.app.runJob("study-week", clock);
    await stepRobots();
    const qingshan = hook.posts.filter((p) => p.key === QS_KEY).map((p) => p.content);
    expect(qingshan.map((c) => c.split("\n")[0])).toEqual(["【学习周报】青山镇联系群 11月30日—12月6日"]);
    // Counts only, by default: the group summary names nobody (STUDY_SUMMARY_NAMES).
    expect(qingshan[0]).toContain("本周有1位同志学习打卡");
    expect(qingshan[0]).not.toContain("李娟");
    expect(await t.prisma.outboxMessage.count({ where: { channel: "wecom-robot", purpose: { not: "summary" } } })).toBe(0);
  });

  it("sends an area reminder to the WeChat group, the WeCom bot's group and the robot's group, once each", async () => {
    const server = await FakeWecomServer.start({ botId: "aib-1", secret: "s", botName: "苗圃助手", people: {} });
    try {
      t = await start({ WECOM_BOT_ID: "aib-1", WECOM_BOT_SECRET: "s", WECOM_WS_URL: server.url });
      const bot = t.app.channel("wecom");
      await until("the WeCom bot to connect", () => bot.isReady());
      const township = await t.prisma.area.findFirstOrThrow({ where: { name: "青山镇" } });
      await t.prisma.chatMember.create({ data: { channel: "wecom", externalId: "ChenWeiyuan", displayName: "陈委员", role: "township_organiser", areaId: township.id } });
      await t.waitHandled(server.sayInGroup("ChenWeiyuan", "wrQingshan", "/绑定群 青山镇"));

      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00 范围=青山镇")).toContain("已设好提醒");
      clock = bj("2026-11-30 20:00");
      expect(await t.app.runJob("reminders", clock)).toMatchObject({ fired: 1, enqueued: 3 });
      const wechat = (await t.drainOutbox(["wechat"])).filter((r) => r.text.includes("学习"));
      await stepRobots();
      const before = server.lines.length;
      await until("the WeCom bot's reminder", async () => (await t.app.outbox.sender("wecom").step(), server.lines.length > before));
      expect(wechat.map((r) => r.roomId)).toEqual([QS]);
      expect(hook.posts.filter((p) => p.content.includes("学习")).map((p) => p.key)).toEqual([QS_KEY]);
      expect(server.lines.filter((l) => l.text.includes("学习")).map((l) => l.conversation)).toEqual(["wrQingshan"]);
      // The same firing again adds nothing anywhere.
      expect(await t.app.runJob("reminders", clock)).toMatchObject({ enqueued: 0 });
    } finally {
      await t.stop();
      await server.close();
    }
  });
});
