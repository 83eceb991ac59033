// Filing: every message once, against the right record, whatever arrives.
import { types } from "wechaty-puppet";
import { afterAll, beforeAll, describe, expect, it, it as base } from "vitest";
import { demoWorld } from "../../src/app.ts";
import { DB_KINDS, postgresUnavailable, restartableDatabase } from "../support/databases.ts";
import { P, QS, TestApp } from "../support/harness.ts";

const skipPg = await postgresUnavailable();

describe.each(DB_KINDS)("filing on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    if (kind === "postgres" && skipPg) return;
    t = await TestApp.start({ db: kind });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const it = base.skipIf(kind === "postgres" && skipPg !== null);
  const archived = (text: string) => t.prisma.archivedMessage.findMany({ where: { text }, include: { member: true, candidate: true, group: true } });

  it("files an ordinary message against the sender's record, without answering small talk", async () => {
    expect(await t.say(P.lijuan, QS, "今天回村里看了看，路修得不错")).toEqual([]);
    const [m] = await archived("今天回村里看了看，路修得不错");
    expect(m!.candidate!.name).toBe("李娟");
    expect(m!.group!.topic).toBe("青山镇后备力量联系群");
    expect(m!.kind).toBe("text");
  });

  it("recognises an idea in ordinary talk and confirms it with its number", async () => {
    const replies = await t.say(P.zhangwei, QS, "我觉得可以建个合作社，统一收购茶叶再搞品牌");
    expect(replies).toHaveLength(1);
    const id = Number(/#(\d+)/.exec(replies[0]!.text)![1]);
    expect(await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id } })).toMatchObject({ kind: "idea", topic: "industry", detectedBy: "rule" });
  });

  it("a message delivered twice is filed once and answered once", async () => {
    const payload = { id: "dup-1", talkerId: P.lijuan, roomId: QS, timestamp: Date.now(), type: types.Message.Text, text: "/帮助", mentionIdList: [] };
    const first = await t.collect(() => t.world.deliver(payload));
    const second = await t.collect(() => t.world.deliver(payload));
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
    expect(await t.prisma.archivedMessage.count({ where: { externalId: "dup-1" } })).toBe(1);
  });

  it("never files or answers the bot's own messages", async () => {
    await t.say(P.lijuan, QS, "/帮助");
    expect(await t.prisma.chatMember.count({ where: { externalId: "wxid_demo_bot" } })).toBe(0);
    expect(await t.prisma.archivedMessage.count({ where: { text: { startsWith: "【苗圃助手 命令】" } } })).toBe(0);
  });

  it("asks an unknown member to identify themselves, once", async () => {
    const first = await t.say(P.newcomer, QS, "大家好，我是新来的");
    expect(first).toHaveLength(1);
    expect(first[0]!.text).toMatch(/^@小何（新人）/);
    expect(first[0]!.text).toContain("/绑定 绑定码");
    expect(await t.say(P.newcomer, QS, "请多关照")).toEqual([]);
    const mine = await t.prisma.archivedMessage.count({ where: { member: { externalId: P.newcomer } } });
    expect(mine).toBe(2);
  });

  it("bad input: emoji only, 10,000 characters, images, files and stickers are archived as what they are", async () => {
    expect(await t.say(P.lijuan, QS, "👍👍👍")).toEqual([]);
    expect(await archived("👍👍👍")).toHaveLength(1);

    const long = "家乡".repeat(5000);
    await t.say(P.lijuan, QS, long);
    expect((await archived(long))[0]!.text).toHaveLength(10_000);

    const longFeedback = await t.say(P.lijuan, QS, "/反馈 " + "村里的路".repeat(2500));
    const id = Number(/#(\d+)/.exec(longFeedback[0]!.text)![1]);
    expect((await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id } })).text).toHaveLength(2000);

    for (const [type, kind, label] of [[types.Message.Image, "image", "[图片]"], [types.Message.Attachment, "file", "[文件]"], [types.Message.Emoticon, "emoji", "[表情]"], [types.Message.Location, "other", "[其他消息]"]] as const) {
      const replies = await t.collect(() => t.world.sendMedia(P.lijuan, QS, type));
      expect(replies).toEqual([]);
      const last = await t.prisma.archivedMessage.findFirstOrThrow({ where: { member: { externalId: P.lijuan } }, orderBy: { id: "desc" } });
      expect(last).toMatchObject({ kind, text: label });
    }
    // And the bot still answers afterwards.
    expect(await t.ask(P.lijuan, QS, "/帮助")).toContain("/档案");
  });

  it("renaming a group keeps its binding and updates its name", async () => {
    t.world.renameRoom(QS, "青山镇青年人才联系群", P.qsOrganiser);
    await t.say(P.lijuan, QS, "群名改了");
    const [m] = await archived("群名改了");
    expect(m!.group!.topic).toBe("青山镇青年人才联系群");
    expect(await t.prisma.liaisonGroup.count({ where: { externalId: QS } })).toBe(1);
  });

  it("answers commands in a private chat, and files the message with no group", async () => {
    const replies = await t.sayPrivately(P.lijuan, "/档案");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.toId).toBe(P.lijuan);
    expect(replies[0]!.text).toContain("李娟");
    const m = await t.prisma.archivedMessage.findFirstOrThrow({ where: { text: "/档案", groupId: null } });
    expect(m.candidateId).not.toBeNull();
  });

  it("a message that cannot be filed is kept and filed later, not lost", async () => {
    const sql = t.app.db.sql;
    await sql.exec(`ALTER TABLE "ArchivedMessage" RENAME TO "ArchivedMessage_away"`);
    let replies;
    try {
      replies = await t.say(P.lijuan, QS, "/建议 数据库坏了这条也不能丢");
    } finally {
      await sql.exec(`ALTER TABLE "ArchivedMessage_away" RENAME TO "ArchivedMessage"`);
    }
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("已暂存");
    expect(await archived("/建议 数据库坏了这条也不能丢")).toHaveLength(0);
    expect(t.app.bot.unfiled).toBe(1);

    const before = t.sent.length;
    // The timer and a manual retry may overlap: they share one drain, filing once.
    expect(await Promise.all([t.app.bot.redrive(), t.app.bot.redrive()])).toEqual([1, 1]);
    expect(await archived("/建议 数据库坏了这条也不能丢")).toHaveLength(1);
    // Handled for real once filed: the idea is numbered and confirmed.
    expect(t.sent.slice(before).map((r) => r.text).join()).toMatch(/已记下您的建议（#\d+/);
    expect(await t.app.bot.redrive()).toBe(0);
  });
});

describe("restart with a replayed backlog", () => {
  let dir = "";
  let drop = async () => {};
  beforeAll(async () => {
    const db = await restartableDatabase("pglite");
    dir = db.opts.pgliteDir!;
    drop = db.drop;
  });
  afterAll(() => drop());

  it("files backlog after a re-login but answers none of it, and files nothing twice", async () => {
    const a = await TestApp.start({ pgliteDir: dir });
    const seen = { id: "before-restart-1", talkerId: P.lijuan, roomId: QS, timestamp: Date.now(), type: types.Message.Text, text: "/帮助", mentionIdList: [] };
    expect(await a.collect(() => a.world.deliver(seen))).toHaveLength(1);
    await a.stop();

    const b = await TestApp.start({ pgliteDir: dir, world: demoWorld() });
    try {
      const old = Date.now() - 10 * 60_000;
      // The puppet replays what it had, including a message we never saw.
      expect(await b.collect(() => b.world.deliver({ ...seen, timestamp: old }))).toEqual([]);
      const missed = { id: "missed-while-down", talkerId: P.zhangwei, roomId: QS, timestamp: old, type: types.Message.Text, text: "/档案", mentionIdList: [] };
      expect(await b.collect(() => b.world.deliver(missed))).toEqual([]);
      expect(await b.prisma.archivedMessage.count({ where: { externalId: "before-restart-1" } })).toBe(1);
      expect(await b.prisma.archivedMessage.findFirstOrThrow({ where: { externalId: "missed-while-down" } })).toMatchObject({ backlog: true });
      // A check-in sent while the bot was away still counts, silently; a malformed one is only filed.
      const studied = { ...missed, id: "checkin-while-down", text: "/打卡 学习强国 30分钟" };
      expect(await b.collect(() => b.world.deliver(studied))).toEqual([]);
      expect(await b.collect(() => b.world.deliver({ ...missed, id: "bad-checkin-while-down", text: "/打卡 0分钟" }))).toEqual([]);
      const zhangwei = await b.prisma.candidate.findFirstOrThrow({ where: { name: "张伟" } });
      expect(await b.prisma.studyCheckin.findMany({ where: { candidateId: zhangwei.id }, select: { platform: true, minutes: true, at: true } })).toEqual([
        { platform: "学习强国", minutes: 30, at: new Date(old) },
      ]);
      // Live messages are answered as usual.
      expect(await b.ask(P.lijuan, QS, "/档案")).toContain("李娟");
    } finally {
      await b.stop();
    }
  });
});
