// The HTTP server on a loopback port: /health and the JSON API, with its 4xx answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { haltChannel, resumeChannel } from "../../src/outbox/service.ts";
import { BS, P, QS, TestApp } from "../support/harness.ts";
import { DB_KINDS, postgresUnavailable } from "../support/databases.ts";

describe("HTTP API", () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await TestApp.start({ http: true });
    url = t.app.url!;
    await t.say(P.lijuan, QS, "/建议 村里可以办一个电商培训班");
  });
  afterAll(async () => {
    await t?.stop();
  });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, { headers });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("GET /health reports the database, the chat channel and where the memory is", async () => {
    const { status, body } = await get("/health");
    const { memory, ...rest } = body;
    expect({ status, body: rest }).toEqual({
      status: 200,
      body: {
        status: "ok",
        database: { ok: true, kind: "pglite" },
        channels: [{ ok: true, name: "wechat", transport: "wechaty (PuppetMock)", outbox: { pending: 0, failed: 0, sentToday: 0, halted: null } }],
        unfiledMessages: 0,
        outbox: { ok: true, pending: 0, failed: 0 },
      },
    });
    // The whole process, its JavaScript heap, and the embedded database's share (PGlite's memory).
    expect(memory.rssMb).toBeGreaterThan(memory.heapUsedMb);
    expect(memory.heapUsedMb).toBeGreaterThan(1);
    expect(memory.databaseMb).toBeGreaterThan(1);
  });

  it("lists candidates with Chinese labels and masked phones, filtered and paged", async () => {
    const all = await get("/api/candidates?pageSize=100");
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(await t.prisma.candidate.count());
    const lijuan = all.body.items.find((c: any) => c.name === "李娟");
    expect(lijuan).toMatchObject({ categoryLabel: "大学毕业生", stageLabel: "后备力量", phone: "138****1234", village: { name: "青山村" } });

    const township = await t.prisma.area.findFirstOrThrow({ where: { name: "白水乡" } });
    const bs = await get(`/api/candidates?area=${township.id}&stage=reserve`);
    expect(bs.body.items.map((c: any) => c.name).sort()).toEqual(["何平", "唐军", "郑宇"].sort());
    const page2 = await get("/api/candidates?pageSize=5&page=2");
    expect(page2.body.items).toHaveLength(5);
    expect(page2.body.items[0].id).toBe(all.body.items[5].id);
  });

  it("shows one person's file with what they said and their feedback", async () => {
    const c = await t.prisma.candidate.findFirstOrThrow({ where: { name: "李娟" } });
    const { status, body } = await get(`/api/candidates/${c.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: "李娟", place: "青溪县 青山镇 青山村", phone: "13812341234", stageLabel: "后备力量" });
    expect(body.recentMessages[0].text).toBe("/建议 村里可以办一个电商培训班");
    expect(body.feedback[0]).toMatchObject({ kindLabel: "建议", topicLabel: "产业发展", statusLabel: "待处理" });
  });

  it("lists feedback by status and area", async () => {
    const { body } = await get("/api/feedback?status=open");
    expect(body.total).toBeGreaterThanOrEqual(1);
    expect(body.items[0]).toMatchObject({ text: "村里可以办一个电商培训班", author: "李娟", area: { place: "青溪县 青山镇 青山村" } });
  });

  it.each([
    ["/api/candidates?stage=mayor", "stage"],
    ["/api/candidates?pageSize=1000", "pageSize"],
    ["/api/candidates?page=0", "page"],
    ["/api/candidates?colour=red", "colour"],
    ["/api/feedback?status=done", "status"],
    ["/api/candidates/abc", "id"],
    ["/api/outbox?status=done", "status"],
    ["/api/schedules?status=running", "status"],
    ["/api/checkins?candidate=x", "candidate"],
  ])("%s is a 400 that names the field", async (path, field) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error).toMatch(/^参数有误/);
    expect(body.issues.map((i: any) => i.path)).toContain(field);
  });

  it("shows each reminder with its next and last firing, and the outbox with what was sent", async () => {
    expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 主题党日 每月1日 9:00 学习新党章")).toMatch(/^已设好提醒 #\d+/);
    const before = (await get("/api/schedules")).body.items.at(-1);
    expect(before).toMatchObject({ kindLabel: "主题党日", time: "每月1日 9:00", topic: "学习新党章", statusLabel: "进行中", target: { group: { topic: "青山镇后备力量联系群" } }, lastFiringAt: null, recentFirings: [] });
    // 9:00 Beijing on the 1st of a month is 01:00Z.
    expect(before.nextFiringAt).toMatch(/^\d{4}-\d\d-01T01:00:00\.000Z$/);

    // The app runs on the real clock: pretend this firing came a minute ago (as after a short outage).
    const firing = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    await t.prisma.schedule.update({ where: { id: before.id }, data: { nextFiringAt: firing } });
    await t.app.runJob("reminders", new Date());
    const after = (await get("/api/schedules")).body.items.at(-1);
    expect(after).toMatchObject({ lastFiringAt: firing.toISOString(), lastOutcome: "sent", recentFirings: [{ slot: firing.toISOString(), outcome: "done" }] });
    expect(after.nextFiringAt).toMatch(/^\d{4}-\d\d-01T01:00:00\.000Z$/);

    // The running sender delivers it; the outbox shows it as sent.
    let sent: any;
    for (let i = 0; i < 100 && !sent; i++) {
      sent = (await get("/api/outbox?status=sent&purpose=reminder")).body.items.find((m: any) => m.key.startsWith(`reminder:${before.id}:`));
      if (!sent) await new Promise((r) => setTimeout(r, 100));
    }
    expect(sent).toMatchObject({ statusLabel: "已发送", conversation: QS, isGroup: true, attempts: 1, lastError: null });
    expect(sent.text).toContain("学习新党章");
    expect(t.sent.some((m) => m.roomId === QS && m.text === sent.text)).toBe(true);
    expect((await get("/api/outbox")).body.summary).toMatchObject({ pending: 0, failed: 0, channels: [{ channel: "wechat", sentToday: 1, dailyCap: 300, halted: false }] });
  });

  it("lists study check-ins by person", async () => {
    await t.say(P.lijuan, QS, "/打卡 学习强国 30分钟");
    const c = await t.prisma.candidate.findFirstOrThrow({ where: { name: "李娟" } });
    const { body } = await get(`/api/checkins?candidate=${c.id}`);
    expect(body.items).toEqual([expect.objectContaining({ candidate: { id: c.id, name: "李娟" }, platform: "学习强国", minutes: 30, group: "青山镇后备力量联系群" })]);
  });

  it("GET /health says when the outbox has stopped sending, and why", async () => {
    await haltChannel(t.app.db.sql, "wechat", "rate_limited", new Date(), { rateLimitPauseMs: 3_600_000 });
    const { status, body } = await get("/health");
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.outbox).toMatchObject({ ok: false });
    expect(body.channels[0].outbox).toMatchObject({ halted: { reason: "rate_limited" } });
    await resumeChannel(t.app.db.sql, "wechat");
    expect((await get("/health")).body.channels[0].outbox.halted).toBeNull();
  });

  it("answers 404 for what does not exist", async () => {
    expect(await get("/api/candidates/99999")).toEqual({ status: 404, body: { error: "没有档案 #99999", code: "not_found", id: 99999 } });
    expect(await get("/api/candidates?area=99999")).toEqual({ status: 404, body: { error: "没有编号为 99999 的地区，或不在您的范围内。", code: "not_found", id: 99999 } });
    expect((await get("/nowhere")).status).toBe(404);
  });

  it("rejects a malformed JSON body with 400", async () => {
    const res = await fetch(url + "/api/simulator/say", { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error).toBe("请求格式不正确，应为 JSON");
  });

  it("GET /health is 503 when the chat channel is down", async () => {
    await t.app.channel().stop();
    const { status, body } = await get("/health");
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: "degraded", database: { ok: true }, channels: [{ name: "wechat", ok: false }] });
  });
});

describe("HTTP API with a token", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ http: true, env: { API_TOKEN: "token-for-the-test-0123" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("asks for the token on /api but not on /health", async () => {
    const denied = await fetch(t.app.url + "/api/candidates");
    expect(denied.status).toBe(401);
    expect(((await denied.json()) as any).error).toContain("Authorization: Bearer");
    const ok = await fetch(t.app.url + "/api/candidates", { headers: { authorization: "Bearer token-for-the-test-0123" } });
    expect(ok.status).toBe(200);
    expect((await fetch(t.app.url + "/health")).status).toBe(200);
  });
});

// The list routes read history with their own statements (a raw count, a lateral read of
// each schedule's latest firings): what they show must still be exactly right, on both databases.
const skipPg = await postgresUnavailable();

describe.each(DB_KINDS)("HTTP API lists on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;
  let t: TestApp;
  const get = async (path: string) => {
    const res = await fetch(t.app.url + path);
    expect(res.status).toBe(200);
    return (await res.json()) as any;
  };
  beforeAll(async () => {
    if (!skip) t = await TestApp.start({ db: kind, http: true });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it.skipIf(skip)("shows each schedule's five latest firings, newest first, and no other schedule's", async () => {
    expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00")).toMatch(/^已设好提醒 #\d+/);
    expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 主题党日 每月1日 9:00")).toMatch(/^已设好提醒 #\d+/);
    const [daily, monthly] = (await get("/api/schedules")).items.slice(-2);
    const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));
    // Seven evenings of the daily one, one skipped; two mornings of the monthly one.
    await t.prisma.jobRun.createMany({
      data: [
        ...[3, 1, 7, 2, 6, 4, 5].map((n) => ({ job: `schedule:${daily.id}`, slot: day(n), outcome: n === 6 ? "skipped" : "done", instance: n % 2 ? "a" : "b" })),
        ...[1, 2].map((n) => ({ job: `schedule:${monthly.id}`, slot: new Date(Date.UTC(2026, n, 1, 1)), outcome: "done", instance: "a" })),
      ],
    });
    const [d, m] = (await get("/api/schedules")).items.slice(-2);
    expect(d.recentFirings.map((r: any) => [r.slot, r.outcome, r.instance])).toEqual([
      [day(7).toISOString(), "done", "a"],
      [day(6).toISOString(), "skipped", "b"],
      [day(5).toISOString(), "done", "a"],
      [day(4).toISOString(), "done", "b"],
      [day(3).toISOString(), "done", "a"],
    ]);
    expect(m.recentFirings.map((r: any) => r.slot)).toEqual(["2026-03-01T01:00:00.000Z", "2026-02-01T01:00:00.000Z"]);
  });

  it.skipIf(skip)("counts check-ins as it lists them: by area, by person, and never an unbound account's", async () => {
    await t.say(P.lijuan, QS, "/打卡 学习强国 30分钟");
    await t.say(P.lijuan, QS, "/打卡 党校 2小时");
    await t.say(P.wangfang, QS, "/打卡 学习强国 20分钟");
    await t.say(P.zhengyu, BS, "/打卡 学习强国 40分钟");
    await t.say(P.newcomer, QS, "/打卡 学习强国 10分钟"); // no record: not in any area's list
    const all = await get("/api/checkins");
    expect(all.total).toBe(4);
    expect(all.items).toHaveLength(4);
    const baishui = await t.prisma.area.findFirstOrThrow({ where: { name: "白水乡" } });
    const bs = await get(`/api/checkins?area=${baishui.id}`);
    expect([bs.total, bs.items.map((c: any) => c.candidate.name)]).toEqual([1, ["郑宇"]]);
    const lijuan = await t.prisma.candidate.findFirstOrThrow({ where: { name: "李娟" } });
    const mine = await get(`/api/checkins?candidate=${lijuan.id}&pageSize=1`);
    expect([mine.total, mine.items.length, mine.items[0].platform]).toEqual([2, 1, "党校"]);
  });
});
