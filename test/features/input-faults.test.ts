// Issue 8, items 5–7: a reminder every minute, emoji cut in half, NUL and lone
// surrogates. Each probe as the issue describes it, through the whole path.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, postgresUnavailable } from "../support/databases.ts";
import { P, QS, TestApp } from "../support/harness.ts";

const skipPg = await postgresUnavailable();
const INTERNAL = "出了点问题";
const SPOOLED = "暂存";

describe.each(DB_KINDS)("input faults on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;
  let t: TestApp;
  const spoolDir = mkdtempSync(path.join(tmpdir(), "miaopu-faults-"));
  beforeAll(async () => {
    if (skip) return;
    // A message spooled by an earlier version, with a NUL in it: once retried forever.
    const old = { id: "old-nul", channel: "wechat", conversation: { id: QS, topic: "青山镇后备力量联系群", isGroup: true }, sender: { id: P.zhangwei, name: "张伟" }, kind: "text", text: "/反馈 水渠\u0000堵了", sentAt: new Date().toISOString(), mentions: [], fromSelf: false };
    // And one no retry can file (its time is no time): it must be set aside, not retried forever.
    const broken = { ...old, id: "old-broken", text: "坏掉的消息", sentAt: "not a date" };
    writeFileSync(path.join(spoolDir, "unfiled-messages.jsonl"), JSON.stringify(old) + "\n" + JSON.stringify(broken) + "\n");
    t = await TestApp.start({ db: kind, env: { SPOOL_DIR: spoolDir } });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(spoolDir, { recursive: true, force: true });
  });
  const texts = async (p: Promise<{ text: string }[]>) => (await p).map((r) => r.text).join("\n");

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "probes", () => {
    it("a spooled message with NUL from before is filed cleanly; one that cannot be filed is set aside, not retried forever", async () => {
      await t.app.bot.redrive();
      expect(t.app.bot.unfiled).toBe(0);
      expect(await t.prisma.feedbackItem.count({ where: { text: "水渠堵了" } })).toBe(1);
      const aside = readFileSync(path.join(spoolDir, "set-aside-messages.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(aside.map((m) => m.id)).toEqual(["old-broken"]);
      const health = await t.app.bot.redrive();
      expect(health).toBe(0);
    });

    it("/反馈 路灯\\0坏了 is filed at once, not spooled; /health stays ok", async () => {
      const reply = await texts(t.say(P.lijuan, QS, "/反馈 路灯\u0000坏了"));
      expect(reply).toContain("已记下");
      expect(reply).not.toContain(SPOOLED);
      expect(await t.prisma.feedbackItem.count({ where: { text: "路灯坏了" } })).toBe(1);
      expect(t.app.bot.unfiled).toBe(0);
    });

    it("lone surrogates in text and names are filed harmlessly", async () => {
      const lone = "学习\uD83D心得\uDE00体会很深";
      const reply = await texts(t.handle(t.chat(P.zhangwei, QS, `/反馈 ${lone}`, { sender: { id: P.zhangwei, name: "张伟\uD83D" } })));
      expect(reply).toContain("已记下");
      expect(reply).not.toContain(INTERNAL);
      expect(await t.prisma.feedbackItem.count({ where: { text: "学习\uFFFD心得\uFFFD体会很深" } })).toBe(1);
      expect(t.app.bot.unfiled).toBe(0);
    });

    it("emoji at every truncation point: long names, places, topics and feedback", async () => {
      const emoji = "👍";
      for (let n = 95; n <= 101; n++) {
        const filler = "路".repeat(n);
        for (const cmd of [
          `/登记 ${"张".repeat(Math.min(n, 30))}${emoji}${emoji} 村=青山村`,
          `/提醒 新增 培训 2027-01-15 14:00 ${filler}${emoji}培训 地点=${filler}${emoji}党校`,
          `/反馈 ${"好".repeat(n * 20)}${emoji}`,
          `/关闭 #1 ${filler}${emoji}`,
        ]) {
          const reply = await texts(t.say(P.qsOrganiser, QS, cmd));
          expect(reply, cmd.slice(0, 40)).not.toContain(INTERNAL);
          expect(reply).not.toContain(SPOOLED);
        }
      }
      expect(t.app.bot.unfiled).toBe(0);
    });

    it("a reminder firing every minute is refused; hourly is the least allowed; six fields get the five-field form", async () => {
      const every = await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 * * * * *");
      expect(every).toContain("提醒太频繁了");
      expect(every).toContain("至少要隔1小时");
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 */30 8-18 * * *")).toContain("每30分钟");
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 0 8-18 * * *")).toContain("已设好提醒");
      const six = await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 0 0 20 * * 1-5");
      expect(six).not.toContain("已设好提醒");
      expect(six).toMatch(/0 20 \* \* 1-5|5 个字段|5个字段|五/);
      expect(await t.prisma.schedule.count({ where: { cron: "* * * * *" } })).toBe(0);
    });

    it("/外发 shows today's sends against the daily cap", async () => {
      expect(await t.ask(P.county, QS, "/外发")).toMatch(/今天已发 \d+\/300 条/);
    });

    it("small input faults: a hex year, a missing name, and a long list of reminders", async () => {
      const hex = await t.ask(P.qsCadre, QS, "/登记 王五 村=青山村 出生=0x7D0");
      expect(hex).toContain("出生年份应为四位数字");
      expect(await t.prisma.candidate.count({ where: { name: "王五" } })).toBe(0);
      const noName = await t.ask(P.qsCadre, QS, "/登记 村=青山村");
      expect(noName).toContain("缺少姓名");
      expect(noName).not.toMatch(/期望|undefined|string/);
      for (let i = 0; i < 57; i++) await t.say(P.qsOrganiser, QS, `/提醒 新增 在线学习 每天 ${String(6 + (i % 16)).padStart(2, "0")}:${String(i).padStart(2, "0")} 第${i}讲学习内容`);
      const list = await t.ask(P.qsOrganiser, QS, "/提醒");
      expect(list.length).toBeLessThan(1500);
      expect(list).toMatch(/共\d+条，这里只列出前15条/);
      expect(list).toContain("/api/schedules");
    });

    it("nothing else was set aside", () => {
      expect(readFileSync(path.join(spoolDir, "set-aside-messages.jsonl"), "utf8").trim().split("\n")).toHaveLength(1);
    });
  });
});
