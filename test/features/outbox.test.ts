// The durable outbox as people see it: what the bot sends on its own arrives in
// priority order, at a safe pace, once; failures are retried, a throttled or
// signed-off account stops sending and the county admin hears about it. A fixed
// clock drives the real sender (`app.outbox.sender("wechat").step()`) through the mock puppet.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimNext, enqueue, markSent, type OutboxInput } from "../../src/outbox/service.ts";
import { BS, P, QS, TestApp, until } from "../support/harness.ts";
import { createPostgresDatabase, DB_KINDS, postgresUnavailable, type DbKind } from "../support/databases.ts";

const skipPg = await postgresUnavailable();

const SEC = 1000;
const MIN = 60 * SEC;
const BASE_ENV = {
  OUTBOX_INTERVAL_SECONDS: "3",
  OUTBOX_JITTER_SECONDS: "0",
  OUTBOX_CONVERSATION_INTERVAL_SECONDS: "10",
  OUTBOX_MAX_ATTEMPTS: "3",
  OUTBOX_RETRY_SECONDS: "30",
  OUTBOX_LEASE_SECONDS: "60",
  OUTBOX_RATE_LIMIT_PAUSE_MINUTES: "30",
  OUTBOX_POLL_SECONDS: "5",
};

interface Delivery {
  /** Room id, or the wxid of the person for a private message. */
  to: string;
  text: string;
  /** The app's clock when the message reached WeChat. */
  at: Date;
}

describe.each(DB_KINDS)("outbox on %s", (kind: DbKind) => {
  const skip = kind === "postgres" && skipPg !== null;
  let clock = new Date("2026-11-02T01:00:00Z");
  let t: TestApp;
  let deliveries: Delivery[] = [];
  // One database per kind, reopened when a test needs other settings (a PGlite
  // folder reopens in about a second; creating one takes several).
  let databaseUrl = "";
  let cleanupDb = async () => {};

  async function open(env: Record<string, string> = {}): Promise<void> {
    t = await TestApp.start({ databaseUrl, jobs: false, now: () => clock, env: { ...BASE_ENV, ...env } });
    t.world.onRoomMessage((l) => {
      if (l.fromBot) deliveries.push({ to: l.roomId, text: l.text, at: clock });
    });
    t.world.onDirectMessage((l) => deliveries.push({ to: l.toId, text: l.text, at: clock }));
    await until("the bot to log in", () => t.app.channel().isReady());
  }

  beforeAll(async () => {
    if (skip) return;
    if (kind === "postgres") {
      const created = await createPostgresDatabase();
      databaseUrl = created.url;
      cleanupDb = created.drop;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), "miaopu-outbox-"));
      databaseUrl = `pglite:${dir}`;
      cleanupDb = async () => rmSync(dir, { recursive: true, force: true });
    }
    await open();
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await cleanupDb();
  });

  // Each test starts on a fresh day with an empty outbox and a channel that has never sent.
  let day = 0;
  beforeEach(async () => {
    if (skip) return;
    day++;
    clock = new Date(Date.UTC(2026, 10, 2 + day, 1, 0, 0));
    await t.app.db.sql.exec(`DELETE FROM "OutboxMessage"; DELETE FROM "OutboxChannel";`);
    deliveries = [];
  });

  const channel = () => t.app.channel().name;
  const msg = (key: string, conversation: string, extra: Partial<OutboxInput> = {}): OutboxInput => ({
    key,
    channel: channel(),
    conversation,
    isGroup: conversation.endsWith("@chatroom"),
    text: `测试消息 ${key}`,
    purpose: "reminder",
    ...extra,
  });
  const put = (rows: OutboxInput[], at = clock) => enqueue(t.app.db.sql, rows, at);
  const plus = (ms: number) => new Date(clock.getTime() + ms);
  const row = (key: string) => t.prisma.outboxMessage.findUniqueOrThrow({ where: { key } });

  /** Set the clock and run one sender step. */
  async function stepAt(at: Date): Promise<number> {
    clock = at;
    return t.app.outbox.sender("wechat").step();
  }

  /** Run the sender as its loop would, moving the clock by each wait, until `end`. */
  async function runUntil(end: Date): Promise<void> {
    for (let i = 0; i < 2000; i++) {
      const wait = await t.app.outbox.sender("wechat").step();
      if (wait === 0) continue;
      const next = clock.getTime() + wait;
      if (next > end.getTime()) {
        clock = end;
        return;
      }
      clock = new Date(next);
    }
    throw new Error("the sender did not settle");
  }

  const texts = () => deliveries.map((d) => d.text);

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "sending", () => {
    it("delivers by priority, then oldest first; the same key enqueued twice goes once", async () => {
      const start = clock;
      // Enqueued newest first, so insertion order alone would get it wrong.
      expect(await put([msg("newer", BS)], new Date(+start - 1 * MIN))).toBe(1);
      expect(await put([msg("older", QS)], new Date(+start - 2 * MIN))).toBe(1);
      expect(await put([msg("urgent", P.county, { priority: 0, purpose: "alert" })], start)).toBe(1);
      // The same logical message again, even reworded: stored once.
      expect(await put([msg("older", QS, { text: "测试消息 older 改写" }), msg("newer", BS)])).toBe(0);

      await runUntil(plus(1 * MIN));
      expect(texts()).toEqual(["测试消息 urgent", "测试消息 older", "测试消息 newer"]);
      expect(deliveries.map((d) => d.to)).toEqual([P.county, QS, BS]);

      // Enqueued again after it went: still not sent twice.
      expect(await put([msg("older", QS)])).toBe(0);
      await runUntil(plus(1 * MIN));
      expect(deliveries).toHaveLength(3);
      expect(await t.prisma.outboxMessage.count({ where: { status: "sent" } })).toBe(3);
    });

    it("keeps OUTBOX_INTERVAL_SECONDS between sends", async () => {
      const start = clock;
      await put([msg("a", QS), msg("b", BS)]);
      expect(await stepAt(start)).toBe(0);
      expect(texts()).toEqual(["测试消息 a"]);

      const wait = await stepAt(new Date(+start + 1 * SEC));
      expect(wait).toBeGreaterThan(1900);
      expect(wait).toBeLessThanOrEqual(2000);
      expect(texts()).toEqual(["测试消息 a"]);

      expect(await stepAt(new Date(+start + 3 * SEC))).toBe(0);
      expect(texts()).toEqual(["测试消息 a", "测试消息 b"]);
    });

    it("spaces two messages to one group by OUTBOX_CONVERSATION_INTERVAL_SECONDS, letting another group's go between", async () => {
      const start = clock;
      await put([msg("qs-1", QS)], new Date(+start - 3 * SEC));
      await put([msg("qs-2", QS)], new Date(+start - 2 * SEC));
      await put([msg("bs-1", BS)], new Date(+start - 1 * SEC));

      await runUntil(new Date(+start + 1 * MIN));
      expect(texts()).toEqual(["测试消息 qs-1", "测试消息 bs-1", "测试消息 qs-2"]);
      const [qs1, bs1, qs2] = deliveries;
      expect(+qs2!.at - +qs1!.at).toBeGreaterThanOrEqual(10 * SEC);
      expect(+bs1!.at - +qs1!.at).toBeGreaterThanOrEqual(3 * SEC);
    });

    it("a message waiting for its group's interval does not make the sender spin", async () => {
      const start = clock;
      await put([msg("qs-1", QS), msg("qs-2", QS)]);
      expect(await stepAt(start)).toBe(0);
      // Past the channel's pace, before the group's: nothing to send for 7 more seconds.
      const wait = await stepAt(new Date(+start + 3 * SEC));
      expect(texts()).toEqual(["测试消息 qs-1"]);
      expect(wait).toBeGreaterThanOrEqual(500);
    });

    it("retries a failed send after the backoff and delivers it once; nothing else is held up or repeated", async () => {
      const start = clock;
      await put([msg("flaky", QS)], new Date(+start - 3 * SEC));
      await put([msg("next-1", BS)], new Date(+start - 2 * SEC));
      await put([msg("next-2", P.lijuan)], new Date(+start - 1 * SEC));
      t.world.failSends(1, "network error");

      expect(await stepAt(start)).toBe(0);
      expect(deliveries).toHaveLength(0);
      const failed = await row("flaky");
      expect(failed).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("network error") });
      // OUTBOX_RETRY_SECONDS=30 with ±20% spread.
      expect(+failed.nextAttemptAt - +start).toBeGreaterThanOrEqual(24 * SEC);
      expect(+failed.nextAttemptAt - +start).toBeLessThanOrEqual(36 * SEC);

      await runUntil(new Date(+start + 20 * SEC));
      expect(texts()).toEqual(["测试消息 next-1", "测试消息 next-2"]);

      await runUntil(new Date(+start + 2 * MIN));
      expect(texts()).toEqual(["测试消息 next-1", "测试消息 next-2", "测试消息 flaky"]);
      expect(+deliveries[2]!.at - +start).toBeGreaterThanOrEqual(24 * SEC);
      expect(await row("flaky")).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    });

    it("an answer (/回复) that WeChat refuses is kept and retried, and reaches the person once", async () => {
      const asked = await t.ask(P.zhangwei, QS, "/反馈 村道上的路灯坏了三盏");
      const id = Number(/#(\d+)/.exec(asked)![1]);
      await t.sayPrivately(P.qsCadre, `/回复 #${id} 已报修，周五前修好`);
      t.world.failSends(1, "network error");
      // The answer is stored and queued with it, whatever WeChat does next.
      expect(await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "answered", response: "已报修，周五前修好" });
      await stepAt(clock); // WeChat refuses this try
      expect(deliveries.filter((d) => d.text.includes("已报修"))).toEqual([]);
      await runUntil(plus(2 * MIN));
      const answers = deliveries.filter((d) => d.text.includes("已报修"));
      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({ to: QS, text: expect.stringMatching(/^@张伟 关于您的意见 #\d+/) });
    });

    it("gives up after OUTBOX_MAX_ATTEMPTS failures, keeping the error; later messages still go once", async () => {
      const start = clock;
      await put([msg("doomed", QS)]);
      t.world.failSends(3, "network error");
      await runUntil(new Date(+start + 3 * MIN));
      expect(deliveries).toHaveLength(0);
      expect(await row("doomed")).toMatchObject({ status: "failed", attempts: 3, lastError: expect.stringContaining("network error") });

      await put([msg("after-1", QS), msg("after-2", BS)]);
      await runUntil(new Date(+start + 4 * MIN));
      expect(texts()).toEqual(["测试消息 after-1", "测试消息 after-2"]);
      const byStatus = await t.prisma.outboxMessage.groupBy({ by: ["status"], _count: true });
      expect(Object.fromEntries(byStatus.map((g) => [g.status, g._count]))).toEqual({ sent: 2, failed: 1 });
    });

    it("a rate limit halts sending; after the pause the county admin is told first, then the message goes", async () => {
      const start = clock;
      await put([msg("held", QS)], new Date(+start - 2 * SEC));
      await put([msg("behind", BS)], new Date(+start - 1 * SEC));
      t.world.failSends(1, "发送消息过于频繁");

      expect(await stepAt(start)).toBe(0);
      expect(await row("held")).toMatchObject({ status: "pending", attempts: 0 });
      expect(await t.prisma.outboxMessage.findMany({ where: { purpose: "alert" }, select: { conversation: true, status: true } })).toEqual([
        { conversation: P.county, status: "pending" },
      ]);

      // Paused: nothing goes, whenever the sender looks.
      for (const after of [3 * SEC, 1 * MIN, 10 * MIN, 29 * MIN + 59 * SEC]) await stepAt(new Date(+start + after));
      expect(deliveries).toHaveLength(0);

      // Replies stop too (the send budget is halted with the channel); /api/outbox shows the stop.
      expect(await t.say(P.county, QS, "/外发")).toEqual([]);
      expect((await t.app.outbox.summary(clock)).channels[0]).toMatchObject({ halted: true, haltReason: "rate_limited" });
      deliveries = [];

      await stepAt(new Date(+start + 30 * MIN));
      await runUntil(new Date(+start + 31 * MIN));
      expect(deliveries.map((d) => d.to)).toEqual([P.county, QS, BS]);
      expect(deliveries[0]!.text).toContain("发送过于频繁");
      expect(deliveries[0]!.text).toContain("/外发 恢复");
      expect(texts().slice(1)).toEqual(["测试消息 held", "测试消息 behind"]);
      expect(await t.ask(P.county, QS, "/外发")).toContain("正常发送中");
    });

    it("/外发 恢复 by the county admin lifts the pause at once; a reserve may not use /外发", async () => {
      const start = clock;
      await put([msg("held", QS)]);
      t.world.failSends(1, "发送消息过于频繁");
      await stepAt(start);
      await stepAt(new Date(+start + 5 * SEC));
      expect(deliveries).toHaveLength(0);

      // While stopped nothing is answered; a reserve's /外发 恢复 is refused (silently) and changes nothing.
      expect(await t.say(P.lijuan, QS, "/外发 恢复")).toEqual([]);
      expect(await t.say(P.county, QS, "/外发")).toEqual([]);
      expect((await t.app.outbox.summary(clock)).channels[0]).toMatchObject({ halted: true });
      expect(await t.prisma.auditLog.count({ where: { action: "command:外发", outcome: "denied" } })).toBeGreaterThan(0);

      // The county admin's resume lifts the stop first, so it is answered.
      expect(await t.ask(P.county, QS, "/外发 恢复")).toContain("已恢复自动发送");
      expect(await t.ask(P.lijuan, QS, "/外发")).toContain("仅限");
      deliveries = [];
      await runUntil(new Date(+start + 1 * MIN));
      expect(deliveries.map((d) => d.to)).toEqual([P.county, QS]);
      expect(deliveries[1]!.text).toBe("测试消息 held");
      expect(await t.ask(P.county, QS, "/外发 恢复")).toContain("没有暂停");
    });

    it("a logout halts sending and queues an alert; after the next login the alert and the waiting messages go", async () => {
      const start = clock;
      await put([msg("before", QS)], new Date(+start - 3 * SEC));
      await put([msg("during-1", BS)], new Date(+start - 2 * SEC));
      await put([msg("during-2", P.lijuan)], new Date(+start - 1 * SEC));
      await stepAt(start);
      expect(texts()).toEqual(["测试消息 before"]);

      await t.world.logout();
      await until("the bot to be logged out", () => !t.app.channel().isReady());
      await stepAt(new Date(+start + 5 * SEC));
      const [ch] = await t.prisma.outboxChannel.findMany();
      expect(ch).toMatchObject({ haltReason: "logged_out", haltedUntil: null });
      expect(await t.prisma.outboxMessage.findMany({ where: { purpose: "alert" }, select: { conversation: true, status: true, text: true } })).toEqual([
        { conversation: P.county, status: "pending", text: expect.stringContaining("掉线") },
      ]);
      for (const after of [10 * SEC, 1 * MIN, 30 * MIN]) await stepAt(new Date(+start + after));
      expect(deliveries).toHaveLength(1);

      t.world.login();
      await until("the bot to log in again", () => t.app.channel().isReady());
      await runUntil(new Date(+start + 32 * MIN));
      expect(deliveries.map((d) => d.to)).toEqual([QS, P.county, BS, P.lijuan]);
      expect(deliveries[1]!.text).toContain("掉线");
      expect(texts().slice(2)).toEqual(["测试消息 during-1", "测试消息 during-2"]);
      expect((await t.prisma.outboxChannel.findMany())[0]).toMatchObject({ haltedAt: null });
    });

    it("a message claimed by an instance that died is taken back after its lease and delivered once", async () => {
      const start = clock;
      await put([msg("orphan", QS), msg("other", BS)]);
      const dead = await claimNext(t.app.db.sql, {
        channel: channel(),
        instance: "instance-that-died",
        now: start,
        policy: t.app.config.outbox,
        random: () => 0,
        channelReady: true,
      });
      expect(dead).toMatchObject({ row: { key: "orphan" } });

      // The lease (60 s) still runs: the orphan waits, the other message goes.
      await runUntil(new Date(+start + 59 * SEC));
      expect(texts()).toEqual(["测试消息 other"]);
      expect(await row("orphan")).toMatchObject({ status: "sending", claimedBy: "instance-that-died" });

      await runUntil(new Date(+start + 2 * MIN));
      expect(texts()).toEqual(["测试消息 other", "测试消息 orphan"]);
      expect(+deliveries[1]!.at - +start).toBeGreaterThanOrEqual(60 * SEC);
      expect(await row("orphan")).toMatchObject({ status: "sent", claimedBy: t.app.config.instanceId, attempts: 2 });

      // The dead instance waking up and recording its old claim changes nothing.
      await markSent(t.app.db.sql, (await row("orphan")).id, "instance-that-died", clock);
      expect(await row("orphan")).toMatchObject({ claimedBy: t.app.config.instanceId });
      await runUntil(new Date(+start + 3 * MIN));
      expect(deliveries).toHaveLength(2);
    });

    // Last: it reopens the app with another cap.
    it("holds private messages the bot sends on its own through quiet hours, however late their turn; answers, alerts and group messages go", async () => {
      // Quiet hours by default: 21:30–08:00 Beijing time. Six nudges queued ten seconds
      // before, paced 3 s apart: four go before 21:30, the other two wait for the morning.
      const people = [P.lijuan, P.zhangwei, P.wangfang, P.zhengyu, P.newcomer, P.qsCadre];
      clock = new Date("2026-11-27T13:29:50Z"); // 21:29:50 in Beijing
      await put(people.map((p, i) => msg(`nudge-${i}`, p, { purpose: "nudge" })));
      await runUntil(new Date("2026-11-27T13:35:00Z"));
      expect(deliveries.map((d) => d.to)).toEqual(people.slice(0, 4));
      expect(deliveries.every((d) => +d.at < +new Date("2026-11-27T13:30:00Z"))).toBe(true);

      // At 21:40 a cadre's answer, an alert to the county, a /周报 a cadre asked for and a group's reminder still go.
      clock = new Date("2026-11-27T13:40:00Z");
      await put([msg("answer", P.lijuan, { purpose: "answer" }), msg("alert", P.county, { purpose: "alert", priority: 0 }), msg("reply", P.bsOrganiser, { purpose: "reply" }), msg("group", QS)]);
      await runUntil(new Date("2026-11-27T13:45:00Z"));
      expect(texts().slice(4).sort()).toEqual(["测试消息 alert", "测试消息 answer", "测试消息 group", "测试消息 reply"]);
      // Nothing more in the night (the sender looks in every poll; here once, just before 08:00).
      expect(await stepAt(new Date("2026-11-27T23:59:59Z"))).toBeGreaterThan(0);
      expect(deliveries).toHaveLength(8);

      // From 08:00 the two held nudges go, once each.
      await runUntil(new Date("2026-11-28T00:05:00Z"));
      expect(deliveries.slice(8).map((d) => d.to)).toEqual(people.slice(4));
      expect(+deliveries[8]!.at).toBeGreaterThanOrEqual(+new Date("2026-11-28T00:00:00Z"));
      expect(await t.prisma.outboxMessage.count({ where: { status: "sent" } })).toBe(10);
    });

    it("stops at OUTBOX_DAILY_CAP and sends the rest after midnight Beijing time", async () => {
      await t.stop();
      // Quiet hours off: this is about the day's count (a private message at 00:00 would otherwise wait for 08:00).
      await open({ OUTBOX_DAILY_CAP: "2", QUIET_HOURS: "00:00-00:00" });
      clock = new Date("2026-11-27T15:50:00Z"); // 23:50 in Beijing
      await put([msg("one", QS), msg("two", BS), msg("three", P.lijuan)]);
      await runUntil(new Date("2026-11-27T15:59:59Z"));
      expect(texts()).toEqual(["测试消息 one", "测试消息 two"]);

      await runUntil(new Date("2026-11-27T16:05:00Z"));
      expect(texts()).toEqual(["测试消息 one", "测试消息 two", "测试消息 three"]);
      expect(+deliveries[2]!.at).toBeGreaterThanOrEqual(+new Date("2026-11-27T16:00:00Z"));
    });
  });
});

