// A person with a WeChat and a WeCom account gets private messages where the county
// prefers (PRIVATE_CHANNEL_PREFERENCE); someone with one account gets them there.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MemoryChannel } from "../../src/channels/memory/memory-channel.ts";
import { P, QS, TestApp } from "../support/harness.ts";
import { NO_QUIET_HOURS } from "../support/quiet-hours.ts";

const WC_LIJUAN = { id: "LiJuan", name: "LiJuan" };

describe("private messages to a person with several accounts", { timeout: 90_000 }, () => {
  let t: TestApp;
  let wecom: MemoryChannel;
  beforeEach(async () => {
    wecom = new MemoryChannel("wecom");
    t = await TestApp.start({ jobs: false, env: { PRIVATE_CHANNEL_PREFERENCE: "wecom, wechat", ...NO_QUIET_HOURS }, channels: [{ channel: wecom }] });
    const [codeReply] = await t.sayPrivately(P.qsOrganiser, "/绑定码 李娟");
    const code = /绑定码：(\d{6})/.exec(codeReply!.text)![1]!;
    await t.handle({ ...t.chat(WC_LIJUAN.id, "", `/绑定 ${code}`), channel: "wecom", conversation: { id: WC_LIJUAN.id, topic: "", isGroup: false }, sender: WC_LIJUAN });
  });
  afterEach(() => t.stop());

  it("goes to the preferred channel's account, and stays put for someone with one account or for a group", async () => {
    await t.app.outbox.enqueue(
      [
        { key: "n1", channel: "wechat", conversation: P.lijuan, isGroup: false, text: "李娟，这周还没有打卡哦", purpose: "nudge" },
        { key: "n2", channel: "wechat", conversation: P.zhangwei, isGroup: false, text: "张伟，这周还没有打卡哦", purpose: "nudge" },
        { key: "s1", channel: "wechat", conversation: QS, isGroup: true, text: "本周学习小结", purpose: "summary" },
      ],
      new Date(),
    );
    const sent = await t.drainOutbox();
    expect(sent.map((r) => [r.channel ?? "wechat", r.toId ?? r.roomId, r.text]).sort()).toEqual([
      ["wechat", QS, "本周学习小结"],
      ["wechat", P.zhangwei, "张伟，这周还没有打卡哦"],
      ["wecom", WC_LIJUAN.id, "李娟，这周还没有打卡哦"],
    ]);
  });
});
