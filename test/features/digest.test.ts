// The weekly digest: built from stored data with counts a cadre can check, privately to
// each township's organisers through the outbox, on demand with /周报 and in the API;
// a model, when configured, only adds the prose.
import { afterAll, beforeAll, describe, expect, it, it as base } from "vitest";
import { weekOf } from "../../src/domain/study-week.ts";
import { parsePeriod } from "../../src/domain/digest-period.ts";
import { digestText, trendingUp } from "../../src/domain/digest.ts";
import { DB_KINDS, postgresUnavailable } from "../support/databases.ts";
import { fakeModelServer } from "../support/fake-model.ts";
import { P, QS, TestApp } from "../support/harness.ts";
import { NO_QUIET_HOURS } from "../support/quiet-hours.ts";

const skipPg = await postgresUnavailable();
const DAY = 86_400_000;

describe("digest periods and trends", () => {
  const now = new Date("2026-11-27T12:00:00+08:00"); // a Friday
  it.each([
    ["", "2026-11-20T04:00:00.000Z", "2026-11-27T04:00:00.000Z"],
    ["上周", "2026-11-15T16:00:00.000Z", "2026-11-22T16:00:00.000Z"],
    ["本周", "2026-11-22T16:00:00.000Z", "2026-11-27T04:00:00.000Z"],
    ["2026-11-01~2026-11-07", "2026-10-31T16:00:00.000Z", "2026-11-07T16:00:00.000Z"],
    ["11月1日至11月7日", "2026-10-31T16:00:00.000Z", "2026-11-07T16:00:00.000Z"],
    ["２０２６/１１/０１ ２０２６/１１/３０", "2026-10-31T16:00:00.000Z", "2026-11-30T16:00:00.000Z"],
  ])("%s", (text, from, to) => {
    expect(parsePeriod(text, now)).toEqual({ ok: true, from: new Date(from), to: new Date(to) });
  });
  it.each([["明年"], ["2026-02-30~2026-03-01"], ["2026-11-07~2026-11-01"], ["2020-01-01~2026-01-01"]])("refuses %s with a reason", (text) => {
    const r = parsePeriod(text, now);
    expect(r.ok).toBe(false);
  });
  it("a topic trends up with a few remarks and half again its recent mean", () => {
    expect(trendingUp({ count: 6, before: 2 })).toBe(true);
    expect(trendingUp({ count: 3, before: 2.5 })).toBe(false);
    expect(trendingUp({ count: 1, before: 0 })).toBe(false);
  });
  it("a digest with nothing in it still says so, section by section", () => {
    const text = digestText({ place: "青溪县 青山镇", from: new Date(now.getTime() - 7 * DAY), to: now, ideas: [], ideaCount: 0, openRequests: [], openRequestCount: 0, topics: [], quiet: [], quietWeeks: 3, thinking: [], thinkingCount: 0, kinds: {} });
    expect(text).toContain("本期没有新建议");
    expect(text).toContain("没有待答复的求助");
    expect(text).toContain("五、思想动态（0条）");
  });
});

describe.each(DB_KINDS)("the weekly digest on %s", (kind) => {
  const fake = fakeModelServer();
  let t: TestApp;
  let withModel: TestApp;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    if (kind === "postgres" && skipPg) return;
    const baseURL = await fake.start();
    t = await TestApp.start({ db: kind, http: true, jobs: false, env: NO_QUIET_HOURS });
    withModel = await TestApp.start({ db: kind, jobs: false, env: { ...NO_QUIET_HOURS, OPENAI_BASE_URL: baseURL, OPENAI_MODEL: "qwen-test", LLM_DISABLED_AREAS: "白水乡" } });
    const now = Date.now();
    const at = (daysAgo: number) => ({ timestamp: now - daysAgo * DAY });
    for (const app of [t, withModel]) {
      // The last four weeks: a little talk about roads; this week, a lot about industry.
      await app.say(P.zhangwei, QS, "村口那段路一下雨就积水，电动车都过不去", at(20));
      for (const [who, text] of [
        [P.zhangwei, "村集体经济可以试试光伏，屋顶租出去一年也有一笔收入"],
        [P.lijuan, "茶叶可以搞个区域品牌，统一包装再上电商平台卖"],
        [P.wangfang, "孩子明年上小学，户口在村里但人在外面，入学手续怎么办？"],
        ["wxid_demo_liuqiang", "在外面打工这么多年，一直在想要不要回村里发展，家里老人也年纪大了，心里挺纠结的"],
        ["wxid_demo_sunli", "毕业了在想回不回村，回来怕没有合适的工作，心里没底"],
        ["wxid_demo_chenjing", "合作社的鸡蛋销路不好，想请镇上帮忙对接一下超市"],
      ] as const) {
        await app.say(who, QS, text);
      }
    }
    for (const f of await t.prisma.feedbackItem.findMany()) ids[f.text] = f.id;
  });
  afterAll(async () => {
    await t?.stop();
    await withModel?.stop();
    await fake.stop();
  });
  const it = base.skipIf(kind === "postgres" && skipPg !== null);
  const slot = () => new Date(weekOf(new Date()).end.getTime() + 8 * 3600_000);

  it("goes privately to the township's organiser, through the outbox, with counts a cadre can check", async () => {
    const r = await t.app.runJob("weekly-digest", new Date(), slot());
    expect(r).toMatchObject({ townships: 2 });
    const sent = await t.drainOutbox();
    const mine = sent.filter((s) => s.toId === P.qsOrganiser);
    expect(mine).toHaveLength(1);
    expect(sent.every((s) => s.roomId === "")).toBe(true); // nothing in a group
    const text = mine[0]!.text;
    expect(text).toMatch(/^【意见建议周报】青溪县 青山镇/);
    expect(text).toContain(`一、值得跟进的建议（2条）`);
    expect(text).toContain(`#${ids["村集体经济可以试试光伏，屋顶租出去一年也有一笔收入"]} 张伟（青山村）`);
    expect(text).toMatch(new RegExp(`#${ids["孩子明年上小学，户口在村里但人在外面，入学手续怎么办？"]} 王芳（桃源村），已等\\d+天`));
    expect(text).toContain("产业发展：本期");
    expect(text).toMatch(/思想动态（2条，其中2条有顾虑）/);
    expect(text).toContain("刘强：");
    // Quiet: on the register, in chat, silent for three weeks — 黄磊 never spoke; 张伟 did.
    const quiet = text.split("\n").find((l) => l.includes("建议私下联系"))!;
    expect(quiet).toContain("黄磊");
    expect(quiet).not.toContain("张伟");
    // A rerun of the same slot queues nothing new.
    expect((await t.app.runJob("weekly-digest", new Date(), slot())).enqueued).toBe(0);
  });

  it("another township's organiser gets their own township only", async () => {
    const text = (await t.prisma.outboxMessage.findMany({ where: { purpose: "digest" } })).find((m) => m.text.includes("白水乡"))!.text;
    expect(text).not.toContain("张伟");
    expect(text).toContain("本期没有新建议");
  });

  it("/周报 on demand: privately, for a place in scope and a period", async () => {
    const inGroup = await t.ask(P.qsCadre, QS, "/周报");
    expect(inGroup).toContain("已私信发给您");
    const [pm] = await t.drainOutbox();
    expect(pm).toMatchObject({ toId: P.qsCadre });
    expect(pm!.text).toMatch(/^【意见建议周报】青溪县 青山镇 青山村/);
    const own = await t.sayPrivately(P.qsOrganiser, "/周报 青山镇 近30天");
    expect(own[0]!.text).toContain("思想动态（2条");
    expect(await t.ask(P.qsCadre, QS, "/周报 白水乡")).toContain("不在您负责的范围内");
    expect(await t.ask(P.qsCadre, QS, "/周报 明年")).toContain("看不懂时间段");
  });

  it("is in the API, with the counts behind it", async () => {
    const res = await fetch(`${t.app.url}/api/digest?period=近7天`);
    const body = await res.json();
    expect(body.ideas.total).toBe(2);
    // The school question, and 陈静 asking the township to find the eggs a buyer.
    expect(body.openRequests.total).toBe(2);
    expect(body.kinds).toMatchObject({ idea: 2, request: 2, thinking: 2 });
    expect(body.topics.find((x: { topic: string }) => x.topic === "industry")).toMatchObject({ trendingUp: true });
    expect(body.prose).toBeNull();
    expect((await fetch(`${t.app.url}/api/digest?period=明年`)).status).toBe(400);
  });

  it("with a model, the model writes only the prose, from facts without names", async () => {
    fake.answer = () => ({ content: { prose: "本周建议集中在产业发展，有一条入学求助待答复，两位后备力量对回村有顾虑，建议尽快谈心。" } });
    await withModel.app.runJob("weekly-digest", new Date(), slot());
    const text = (await withModel.drainOutbox()).find((s) => s.toId === P.qsOrganiser)!.text;
    expect(text.split("\n")[1]).toBe("本周建议集中在产业发展，有一条入学求助待答复，两位后备力量对回村有顾虑，建议尽快谈心。");
    expect(text).toContain("一、值得跟进的建议（2条）");
    const prompt = fake.requests.find((r) => r.user.includes("facts"))!;
    expect(prompt.user).not.toMatch(/张伟|王芳|刘强|孙丽|光伏/);
  });

  it("without a usable answer from the model, the digest still comes, plainer", async () => {
    fake.answer = () => ({ status: 500 });
    const r = await withModel.sayPrivately(P.qsOrganiser, "/周报 青山镇 近30天");
    expect(r[0]!.text).toMatch(/^【意见建议周报】青溪县 青山镇 .*\n本期识别/);
  });

  it("an area kept off the model gets its digest without asking the model at all", async () => {
    const before = fake.requests.length;
    const r = await withModel.sayPrivately(P.bsOrganiser, "/周报 白水乡 近30天");
    expect(r[0]!.text).toMatch(/^【意见建议周报】青溪县 白水乡 .*\n本期识别/);
    expect(fake.requests.length).toBe(before);
  });
});
