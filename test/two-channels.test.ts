// Two channels in one process: WeChat (Wechaty on the mock puppet) and a second one
// (the in-memory channel standing in for WeCom). One person bound on both keeps both;
// an area reminder reaches a group on each, once; each channel keeps its own pace.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryChannel } from "../src/channels/memory/memory-channel.ts";
import type { ChatMessage } from "../src/core/chat-message.ts";
import { DB_KINDS, postgresUnavailable } from "./support/databases.ts";
import { P, QS, TestApp, type Reply } from "./support/harness.ts";

const WC_GROUP = { id: "wc-qingshan", topic: "青山镇企业微信群", isGroup: true };
const WC_ORGANISER = { id: "wc-chen", name: "陈委员" };
const WC_LIJUAN = { id: "wc-lijuan", name: "李娟" };
const bj = (s: string) => new Date(s.replace(" ", "T") + ":00+08:00");

describe.each(DB_KINDS)("two channels on %s", (kind) => {
  let t: TestApp;
  let wecom: MemoryChannel;
  let clock: Date;
  let skip = false;

  beforeEach(async (ctx) => {
    if (kind === "postgres" && (await postgresUnavailable())) {
      skip = true;
      ctx.skip();
    }
    clock = bj("2026-11-30 10:00");
    wecom = new MemoryChannel("wecom", () => clock);
    // WeCom's own pace: a robot may send 20 a minute, so 3 s apart, and no conversation spacing.
    t = await TestApp.start({ db: kind, jobs: false, now: () => clock, channels: [{ channel: wecom, policy: { ...policyOf(), intervalMs: 3_000, conversationIntervalMs: 0 } }] });
    const township = await t.prisma.area.findFirstOrThrow({ where: { name: "青山镇" } });
    // The organiser's WeCom account, as the county administrator would set it up.
    await t.prisma.chatMember.create({ data: { channel: "wecom", externalId: WC_ORGANISER.id, displayName: WC_ORGANISER.name, role: "township_organiser", areaId: township.id } });
  });
  afterEach(async () => {
    if (!skip) await t.stop();
  });

  /** The fast way in, on the second channel. */
  const onWecom = (from: { id: string; name: string }, text: string, inGroup = true): Promise<Reply[]> =>
    t.handle(wecomMessage(from, text, inGroup));
  const wecomMessage = (from: { id: string; name: string }, text: string, inGroup: boolean): ChatMessage => ({
    ...t.chat(from.id, "", text),
    channel: "wecom",
    conversation: inGroup ? WC_GROUP : { id: from.id, topic: from.name, isGroup: false },
    sender: from,
    sentAt: clock,
  });
  const policyOf = () => ({ intervalMs: 0, jitterMs: 0, conversationIntervalMs: 0, dailyCap: 300, maxAttempts: 6, backoffBaseMs: 30_000, backoffMaxMs: 3_600_000, leaseMs: 60_000, rateLimitPauseMs: 3_600_000, pollMs: 1_000 });

  it("binds one person on both channels, files from both against one record, and marks the channel", async () => {
    expect((await onWecom(WC_ORGANISER, "/绑定群 青山镇"))[0]).toMatchObject({ channel: "wecom", roomId: WC_GROUP.id, text: expect.stringContaining("本群已设为青山镇联系群") });

    const [codeReply] = await t.sayPrivately(P.qsOrganiser, "/绑定码 李娟");
    const code = /绑定码：(\d{6})/.exec(codeReply!.text)![1]!;
    expect((await onWecom(WC_LIJUAN, `/绑定 ${code}`, false))[0]!.text).toContain("绑定成功");

    const lijuan = await t.prisma.candidate.findFirstOrThrow({ where: { name: "李娟" } });
    const accounts = await t.prisma.chatMember.findMany({ where: { candidateId: lijuan.id }, orderBy: { channel: "asc" } });
    expect(accounts.map((a) => [a.channel, a.externalId])).toEqual([["wechat", P.lijuan], ["wecom", WC_LIJUAN.id]]);

    await t.say(P.lijuan, QS, "今天在村里走了走");
    await onWecom(WC_LIJUAN, "晚上村口太黑了");
    const messages = await t.prisma.archivedMessage.findMany({ where: { candidateId: lijuan.id, text: { in: ["今天在村里走了走", "晚上村口太黑了"] } }, orderBy: { id: "asc" } });
    expect(messages.map((m) => [m.channel, m.text])).toEqual([["wechat", "今天在村里走了走"], ["wecom", "晚上村口太黑了"]]);
    // Her file, asked on either channel, is the one record.
    const file = (await onWecom(WC_LIJUAN, "/档案"))[0]!.text;
    expect(file).toContain(`【档案 #${lijuan.id}】李娟`);
    // Each channel marked: what she said on WeChat and on WeCom.
    expect(file).toMatch(/群内发言：\d+条（微信 \d+，企业微信 \d+）/);
    expect(await t.ask(P.lijuan, QS, "/档案")).toContain(`【档案 #${lijuan.id}】李娟`);
  });

  it("sends an area reminder to a group on each channel, once each", async () => {
    await onWecom(WC_ORGANISER, "/绑定群 青山镇");
    expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00 范围=青山镇")).toContain("已设好提醒");
    clock = bj("2026-11-30 20:00");
    expect(await t.app.runJob("reminders", clock)).toMatchObject({ fired: 1, enqueued: 2 });
    const sent = (await t.drainOutbox()).filter((r) => r.text.includes("学习"));
    expect(sent.map((r) => [r.channel ?? "wechat", r.roomId]).sort()).toEqual([["wechat", QS], ["wecom", WC_GROUP.id]]);
    // The same firing again adds nothing, on either channel.
    expect(await t.app.runJob("reminders", clock)).toMatchObject({ enqueued: 0 });
    expect(await t.drainOutbox()).toEqual([]);
  });

  it("paces each channel by its own policy", async () => {
    // Four messages on each channel, due now; WeChat's policy here is 0 s apart, WeCom's 3 s.
    await t.app.outbox.enqueue(
      [0, 1, 2, 3].flatMap((i) => [
        { key: `w${i}`, channel: "wechat", conversation: QS, isGroup: true, text: `微信 ${i}`, purpose: "test" },
        { key: `c${i}`, channel: "wecom", conversation: WC_GROUP.id, isGroup: true, text: `企业微信 ${i}`, purpose: "test" },
      ]),
      clock,
    );
    const first = await t.drainOutbox();
    expect(first.filter((r) => r.channel === "wecom").map((r) => r.text)).toEqual(["企业微信 0"]);
    expect(first.filter((r) => !r.channel).map((r) => r.text)).toEqual(["微信 0", "微信 1", "微信 2", "微信 3"]);
    clock = new Date(clock.getTime() + 2_999);
    expect(await t.drainOutbox()).toEqual([]);
    clock = new Date(clock.getTime() + 1);
    expect((await t.drainOutbox()).map((r) => r.text)).toEqual(["企业微信 1"]);
  });
});
