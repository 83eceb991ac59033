// The whole app with the WeCom intelligent bot beside WeChat: the real SDK connects to
// a fake WeCom server on loopback (real WebSocket), the app on a real database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeWecomServer } from "../../src/channels/wecom/fake-server.ts";
import type { WecomBotChannel } from "../../src/channels/wecom/bot-channel.ts";
import { P, TestApp, until } from "../support/harness.ts";

const SECRET = "wecom-secret-7f3a9c";
const GROUP = "wrQingshanChat01";
const ORGANISER = "ChenWeiyuan";
const people = { [ORGANISER]: "陈委员", LiJuan: "李娟", XiaoZhao: "小赵" };

describe("WeCom intelligent bot in the app", { timeout: 90_000 }, () => {
  let server: FakeWecomServer;
  let t: TestApp;

  const start = async (env: Record<string, string> = {}) => {
    t = await TestApp.start({
      jobs: false,
      env: { WECOM_BOT_ID: "aib-miaopu", WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: server.url, ...env },
    });
  };
  const wecom = () => t.app.channel("wecom") as WecomBotChannel;
  /** Someone in the WeCom group @-mentions the bot; resolves when the bot has handled it. */
  const sayInGroup = async (userid: string, text: string) => {
    const from = server.lines.length;
    await t.waitHandled(server.sayInGroup(userid, GROUP, text));
    return server.lines.slice(from);
  };
  const sayPrivately = async (userid: string, text: string) => {
    const from = server.lines.length;
    await t.waitHandled(server.sayPrivately(userid, text));
    return server.lines.slice(from);
  };

  beforeEach(async () => {
    server = await FakeWecomServer.start({ botId: "aib-miaopu", secret: SECRET, botName: "苗圃助手", people });
  });
  afterEach(async () => {
    await t?.stop();
    await server.close();
  });

  it("runs beside WeChat, answers commands, strips the @name, files messages, and asks an unknown member to bind", async () => {
    await start();
    expect(t.app.channels.map((c) => `${c.name}:${c.transport}`)).toEqual(["wechat:wechaty (PuppetMock)", "wecom:wecom-aibot"]);
    await until("the WeCom bot to connect", () => wecom().isReady());
    const township = await t.prisma.area.findFirstOrThrow({ where: { name: "青山镇" } });
    await t.prisma.chatMember.create({ data: { channel: "wecom", externalId: ORGANISER, displayName: "陈委员", role: "township_organiser", areaId: township.id } });

    // Before binding, only /绑定群 is acted on; anything else said to the bot gets told how to bind.
    const [unbound] = await sayInGroup("XiaoZhao", "你好");
    expect(unbound!.text).toContain("本群还没有设为联系群");
    expect(unbound!.text).toContain("只有@我的消息");
    const [bound] = await sayInGroup(ORGANISER, "/绑定群 青山镇");
    expect(bound).toMatchObject({ conversation: GROUP, cmd: "aibot_respond_msg" });
    expect(bound!.text).toContain("本群已设为青山镇联系群");
    expect(bound!.text).toContain("@我");

    // A member nobody has bound yet: filed, and asked once to bind.
    const [ask] = await sayInGroup("XiaoZhao", "村口路灯坏了两盏");
    expect(ask!.text).toContain("企业微信账号还没有和档案关联");
    expect(ask!.mentioned).toEqual(["小赵"]);
    expect(await sayInGroup("XiaoZhao", "什么时候能修好")).toEqual([]);
    const filed = await t.prisma.archivedMessage.findMany({ where: { channel: "wecom" }, orderBy: { id: "asc" }, select: { text: true } });
    expect(filed.map((m) => m.text)).toEqual(["村口路灯坏了两盏", "什么时候能修好"]);

    // Commands, in the group and in a single chat.
    const [help] = await sayInGroup(ORGANISER, "/帮助");
    expect(help!.text).toContain("【苗圃助手 命令】");
    expect(help!.text).toContain("企业微信群里只有@我的消息");
    expect(help!.cmd).toBe("aibot_respond_msg"); // WeCom's reply to the message
    // The bot's own message right after is its own, not a reply to someone's.
    await t.app.outbox.enqueue([{ key: "r0", channel: "wecom", conversation: GROUP, isGroup: true, text: "今晚八点线上学习", purpose: "reminder" }], new Date());
    await t.app.outbox.sender("wecom").step();
    await until("the reminder", () => server.lines.some((l) => l.text === "今晚八点线上学习"));
    expect(server.lines.find((l) => l.text === "今晚八点线上学习")).toMatchObject({ cmd: "aibot_send_msg", conversation: GROUP });
    const [privately] = await sayPrivately(ORGANISER, "/帮助");
    expect(privately).toMatchObject({ conversation: ORGANISER });
  });

  it("binds a person on WeCom without unbinding their WeChat account", async () => {
    await start();
    await until("the WeCom bot to connect", () => wecom().isReady());
    const [codeReply] = await t.sayPrivately(P.qsOrganiser, "/绑定码 李娟");
    const code = /绑定码：(\d{6})/.exec(codeReply!.text)![1]!;
    const [ok] = await sayPrivately("LiJuan", `/绑定 ${code}`);
    expect(ok!.text).toContain("绑定成功");
    const lijuan = await t.prisma.candidate.findFirstOrThrow({ where: { name: "李娟" } });
    const accounts = await t.prisma.chatMember.findMany({ where: { candidateId: lijuan.id }, orderBy: { channel: "asc" } });
    expect(accounts.map((a) => [a.channel, a.externalId])).toEqual([["wechat", P.lijuan], ["wecom", "LiJuan"]]);
  });

  it("refuses a wrong secret without logging it, and stays not ready", async () => {
    server.acceptAuth = false;
    const lines: string[] = [];
    const { createLogger } = await import("../../src/core/logger.ts");
    const { WecomBotChannel } = await import("../../src/channels/wecom/bot-channel.ts");
    const ch = new WecomBotChannel({ botId: "aib-miaopu", secret: SECRET, botName: "苗圃助手", wsUrl: server.url, reconnectMs: 20, log: createLogger("debug", {}, (l) => lines.push(l)) });
    await ch.start();
    await until("two refused subscribes", () => server.subscribes >= 2);
    expect(ch.isReady()).toBe(false);
    await expect(ch.send({ id: GROUP, isGroup: true }, { text: "x" })).rejects.toMatchObject({ data: { failure: "logged_out" } });
    expect(lines.join("\n")).toMatch(/Authentication failed/);
    expect(lines.join("\n")).not.toContain(SECRET);
    // Fixed in the admin console: the next retry gets in.
    server.acceptAuth = true;
    await until("the bot to get in", () => ch.isReady());
    await ch.stop();
  });

  it("halts the outbox when the connection drops, and resumes once the SDK has reconnected", async () => {
    await start();
    await until("the WeCom bot to connect", () => wecom().isReady());
    const sender = t.app.outbox.sender("wecom");
    expect(await sender.step()).toBeGreaterThan(0); // nothing to send; seen ready
    server.dropConnections();
    await until("the bot to notice", () => !wecom().isReady());
    await t.app.outbox.enqueue([{ key: "r1", channel: "wecom", conversation: GROUP, isGroup: true, text: "今晚八点学习", purpose: "reminder" }], new Date());
    await sender.step();
    const state = await t.prisma.outboxChannel.findUniqueOrThrow({ where: { channel: "wecom" } });
    expect(state.haltReason).toBe("logged_out");
    // The county administrator hears it on WeChat at once.
    const alert = (await t.drainOutbox()).find((r) => r.toId === P.county);
    expect(alert?.text).toContain("企业微信");
    await until("the SDK to reconnect", () => wecom().isReady(), 15_000);
    const before = server.lines.length;
    await until("the reminder to go out", async () => (await sender.step(), server.lines.length > before));
    expect(server.lines.at(-1)).toMatchObject({ cmd: "aibot_send_msg", conversation: GROUP, text: "今晚八点学习" });
  });

  it("lets go when another connection takes the bot over, and alerts instead of fighting", async () => {
    await start();
    await until("the WeCom bot to connect", () => wecom().isReady());
    const sender = t.app.outbox.sender("wecom");
    await sender.step();
    const subscribes = server.subscribes;
    server.takeOver();
    await until("the bot to let go", () => !wecom().isReady());
    expect(wecom().takenOver).toBe(true);
    await sender.step();
    expect((await t.prisma.outboxChannel.findUniqueOrThrow({ where: { channel: "wecom" } })).haltReason).toBe("logged_out");
    expect((await t.drainOutbox()).some((r) => r.toId === P.county && r.text.includes("企业微信"))).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect(server.subscribes).toBe(subscribes); // no reconnection attempt
  });

  it("halts the outbox on WeCom's rate-limit error code and keeps the message", async () => {
    await start();
    await until("the WeCom bot to connect", () => wecom().isReady());
    server.failNext(45009, "api freq out of limit");
    await t.app.outbox.enqueue([{ key: "r2", channel: "wecom", conversation: GROUP, isGroup: true, text: "周日交学习心得", purpose: "reminder" }], new Date());
    const sender = t.app.outbox.sender("wecom");
    await sender.step();
    const state = await t.prisma.outboxChannel.findUniqueOrThrow({ where: { channel: "wecom" } });
    expect(state.haltReason).toBe("rate_limited");
    const row = await t.prisma.outboxMessage.findFirstOrThrow({ where: { key: "r2" } });
    expect(row).toMatchObject({ status: "pending", lastError: expect.stringContaining("45009") });
    expect(server.lines).toEqual([]);
  });
});
