// Issue 8, item 1: a member could make the bot flood a group (WeChat bans accounts
// for that). Replies are now limited per sender, per group and per channel (one
// budget shared with the outbox); past a limit the bot says once that it is going
// too fast and then stays silent, while every message is still filed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, postgresUnavailable } from "../support/databases.ts";
import { BS, P, QS, TestApp } from "../support/harness.ts";

const skipPg = await postgresUnavailable();
const SEC = 1000;
// The shipped defaults, spelled out (the harness loosens them for other tests).
const DEFAULTS = { SEND_BUDGET_WINDOW_SECONDS: "60", SEND_BUDGET_PER_SENDER: "8", SEND_BUDGET_PER_GROUP: "20", SEND_BUDGET_PER_CHANNEL: "30" };
const TOO_FAST = /发得太快了/;

describe.each(DB_KINDS)("flooding on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;
  let t: TestApp;
  let clock = new Date("2026-12-01T02:00:00Z");
  beforeAll(async () => {
    if (!skip) t = await TestApp.start({ db: kind, env: DEFAULTS, jobs: false, now: () => clock });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const later = (ms: number) => (clock = new Date(+clock + ms));
  const archived = (text: string) => t.prisma.archivedMessage.count({ where: { text } });

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "the send budget", () => {
    it("200 unknown commands draw 8 answers and one 'too fast', and all 200 are filed", async () => {
      const replies = [];
      for (let i = 0; i < 200; i++) replies.push(...(await t.say(P.zhangwei, QS, `/乱码${i}`)));
      expect(replies.filter((r) => /没有“\/乱码/.test(r.text))).toHaveLength(8);
      expect(replies.filter((r) => TOO_FAST.test(r.text))).toHaveLength(1);
      expect(replies).toHaveLength(9);
      expect(await t.prisma.archivedMessage.count({ where: { text: { startsWith: "/乱码" } } })).toBe(200);

      // Still silent a moment later; after the window the person is answered again.
      expect(await t.say(P.zhangwei, QS, "/帮助")).toEqual([]);
      later(61 * SEC);
      expect(await t.ask(P.zhangwei, QS, "/帮助")).toContain("/档案");
    });

    it("50 /帮助 draw at most the sender's limit of help texts", async () => {
      later(61 * SEC);
      const replies = [];
      for (let i = 0; i < 50; i++) replies.push(...(await t.say(P.wangfang, QS, "/帮助")));
      expect(replies.length).toBeLessThanOrEqual(9);
      expect(replies.map((r) => r.text).join("").length).toBeLessThan(8 * 1500 + 100);
      expect(await archived("/帮助")).toBeGreaterThanOrEqual(50);
    });

    it("many members at once: the group gets at most its limit, then one notice", async () => {
      later(61 * SEC);
      const people = [P.lijuan, P.zhangwei, P.wangfang, P.zhengyu, P.newcomer];
      const replies = [];
      for (let round = 0; round < 6; round++) for (const p of people) replies.push(...(await t.say(p, QS, `/反馈 第${round}轮：村口的路灯又不亮了`)));
      expect(replies.filter((r) => r.text.includes("已记下您的"))).toHaveLength(20);
      expect(replies.filter((r) => TOO_FAST.test(r.text))).toHaveLength(1);
      expect(await t.prisma.feedbackItem.count({ where: { text: { contains: "村口的路灯又不亮了" } } })).toBe(30);
      // Another group on the same account is not silenced by this one.
      expect(await t.ask(P.bsCadre, BS, "/帮助")).toContain("/档案");
    });

    it("a reply never echoes more than a short excerpt of what was sent", async () => {
      later(61 * SEC);
      const long = "很".repeat(10_000);
      const texts = [
        ...(await t.say(P.lijuan, QS, `/${long}`)),
        ...(await t.say(P.qsCadre, QS, `/档案 ${long}`)),
        ...(await t.say(P.qsCadre, QS, `/提醒 ${long}`)),
        ...(await t.say(P.qsCadre, QS, `/登记 张三 村=${long}`)),
      ].map((r) => r.text);
      expect(texts).toHaveLength(4);
      for (const text of texts) expect(text).not.toMatch(/很{31}/);
    });

    it("replies and the outbox share one budget per channel: replies spent it, the outbox waits", async () => {
      later(61 * SEC);
      for (const [who, room] of [[P.lijuan, QS], [P.zhangwei, QS], [P.bsCadre, BS], [P.bsOrganiser, BS]] as const) {
        for (let i = 0; i < 7; i++) expect(await t.say(who, room, "/帮助")).toHaveLength(1);
      }
      for (let i = 0; i < 2; i++) expect(await t.sayPrivately(P.wangfang, "/帮助")).toHaveLength(1);
      // 30 replies this minute: the channel's budget is spent, for replies and the outbox alike.
      expect(await t.say(P.zhengyu, QS, "/帮助")).toEqual([]);
      await t.app.outbox.enqueue([{ key: "flood-test", channel: "wechat", conversation: QS, isGroup: true, text: "今晚8点在线学习", purpose: "reminder" }], clock);
      expect(await t.app.outbox.sender("wechat").step()).toBeGreaterThan(0);
      expect(await t.prisma.outboxMessage.findUniqueOrThrow({ where: { key: "flood-test" } })).toMatchObject({ status: "pending" });
      later(61 * SEC);
      expect((await t.drainOutbox()).map((r) => r.text)).toEqual(["今晚8点在线学习"]);
    });

    it("WeChat's 'too frequent' on a reply stops all sending on the channel, like the outbox's", async () => {
      later(61 * SEC);
      t.world.failSends(1, "发送消息过于频繁");
      expect(await t.say(P.lijuan, QS, "/帮助")).toEqual([]);
      // Nothing more goes out: not the next reply, not the outbox.
      expect(await t.say(P.lijuan, QS, "/档案")).toEqual([]);
      const row = await t.prisma.outboxChannel.findUniqueOrThrow({ where: { channel: "wechat" } });
      expect(row).toMatchObject({ haltReason: "rate_limited" });
      const alerts = await t.prisma.outboxMessage.findMany({ where: { purpose: "alert" } });
      expect(alerts.length).toBeGreaterThan(0);
      expect(await t.app.outbox.sender("wechat").step()).toBeGreaterThan(0);
      // /外发 恢复 (heard, though not answered while halted) resumes replies and the outbox.
      await t.say(P.county, QS, "/外发 恢复");
      expect(await t.ask(P.lijuan, QS, "/帮助")).toContain("/档案");
      expect((await t.drainOutbox()).some((r) => r.text.includes("频繁") || r.text.includes("苗圃提醒"))).toBe(true);
      expect(await archived("/档案")).toBeGreaterThan(0);
    });
  });
});
