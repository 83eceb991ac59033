// Issue 8, items 2–4: takeovers and guessing, replayed as the probes did them.
// A village cadre rebinding a township's group, an organiser rebinding another
// township's group, /绑定 @成员 moving people of other villages and cadres, and
// guessing six-digit bind codes. Each is refused, audited, and leaves the data as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBindCode } from "../../src/features/binding/service.ts";
import { DB_KINDS, postgresUnavailable } from "../support/databases.ts";
import { P, QS, TestApp } from "../support/harness.ts";

const skipPg = await postgresUnavailable();
const MIN = 60_000;

describe.each(DB_KINDS)("takeovers and guessing on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;
  let t: TestApp;
  let clock = new Date("2026-12-01T02:00:00Z");
  beforeAll(async () => {
    if (!skip) t = await TestApp.start({ db: kind, jobs: false, now: () => clock, env: { BIND_ATTEMPTS_PER_GROUP: "8" } });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const later = (ms: number) => (clock = new Date(+clock + ms));
  const groupArea = async (room: string) => (await t.prisma.liaisonGroup.findFirstOrThrow({ where: { externalId: room }, include: { area: true } })).area.name;
  const denied = (action: string) => t.prisma.auditLog.count({ where: { action, outcome: "denied" } });
  const member = (wxid: string) => t.prisma.chatMember.findFirstOrThrow({ where: { externalId: wxid }, include: { candidate: true } });
  const candidateId = async (name: string) => (await t.prisma.candidate.findFirstOrThrow({ where: { name } })).id;
  const one = async (replies: Promise<{ text: string }[]>) => {
    const r = await replies;
    expect(r).toHaveLength(1);
    return r[0]!.text;
  };

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "refused", () => {
    it("a village cadre cannot rebind the township's group to his village", async () => {
      const before = await denied("command:绑定群");
      const text = await t.ask(P.qsCadre, QS, "/绑定群 青山村");
      expect(text).toContain("本群已是青山镇的联系群");
      expect(text).toContain("不能改绑");
      expect(await groupArea(QS)).toBe("青山镇");
      expect(await denied("command:绑定群")).toBe(before + 1);
      // …so he cannot then pause the organiser's reminder either.
      const made = await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00");
      const id = /#(\d+)/.exec(made)![1];
      expect(await t.ask(P.qsCadre, QS, `/提醒 暂停 #${id}`)).toContain("不在您分管的范围内");
    });

    it("an organiser of another township cannot rebind this group", async () => {
      const text = await one(t.handle(t.chat(P.bsOrganiser, QS, "/绑定群 白水乡")));
      expect(text).toContain("不能改绑");
      expect(await groupArea(QS)).toBe("青山镇");
      // The township's own organiser still may.
      expect(await t.ask(P.qsOrganiser, QS, "/绑定群 青山镇")).toContain("本群已设为青山镇联系群");
    });

    it("/绑定 @成员: another village's reserve, an organiser and the county admin cannot be moved", async () => {
      const qingshan = await candidateId("黄磊"); // a record in the cadre's own village
      const before = await denied("command:绑定");
      // 王芳 is a reserve of 桃源村, not the cadre's 青山村.
      const wang = await member(P.wangfang);
      expect(await t.ask(P.qsCadre, QS, `/绑定 @王芳 #${qingshan}`, { mentions: [P.wangfang] })).toContain("已关联了您负责范围以外的档案");
      expect((await member(P.wangfang)).candidateId).toBe(wang.candidateId);
      expect(await t.ask(P.qsCadre, QS, `/绑定 @陈委员 #${qingshan}`, { mentions: [P.qsOrganiser] })).toContain("陈委员是乡镇组织委员，不能由别人为其绑定档案");
      expect(await t.ask(P.qsCadre, QS, `/绑定 @周组织部 #${qingshan}`, { mentions: [P.county] })).toContain("不能由别人为其绑定档案");
      expect((await member(P.county)).candidateId).toBeNull();
      expect((await member(P.qsOrganiser)).candidateId).toBeNull();
      expect(await denied("command:绑定")).toBe(before + 3);
      // A record outside the cadre's area is refused without naming the person.
      const other = await t.ask(P.qsCadre, QS, `/绑定 @小何（新人） #${await candidateId("郑宇")}`, { mentions: [P.newcomer] });
      expect(other).toContain("不在您负责的范围内");
      expect(other).not.toContain("郑宇");
      // Within his village he still links a newcomer.
      expect(await t.ask(P.qsCadre, QS, `/绑定 @小何（新人） #${qingshan}`, { mentions: [P.newcomer] })).toContain("已将小何（新人）绑定到档案");
    });

    it("/档案 keeps answers inside the asker's scope: a reserve's name search, and the same answer for 'not yours' and 'no such file'", async () => {
      // 张伟 (a reserve) asking for another name: no list of people across the county.
      const other = await t.ask(P.zhangwei, QS, "/档案 王芳");
      expect(other).toContain("您只能查看自己的档案");
      expect(other).not.toMatch(/#\d+（/);
      expect(await t.ask(P.zhangwei, QS, "/档案 没这个人")).toBe(other);
      expect(await t.ask(P.zhangwei, QS, "/档案 张伟")).toContain("张伟");
      // A cadre: a file outside the area reads exactly like one that does not exist.
      const outside = await candidateId("郑宇");
      const missing = 999_999;
      const a = await t.ask(P.qsCadre, QS, `/档案 #${outside}`);
      const b = await t.ask(P.qsCadre, QS, `/档案 #${missing}`);
      expect(a.replace(String(outside), "N")).toBe(b.replace(String(missing), "N"));
      expect(a).not.toContain("郑宇");
    });

    it("a wrong, used or expired code gets the same answer", async () => {
      const used = await createBindCode(t.prisma, { candidateId: await candidateId("孙丽"), role: "reserve" }, clock);
      const expired = await createBindCode(t.prisma, { candidateId: await candidateId("孙丽"), role: "reserve" }, new Date(+clock - 8 * 24 * 60 * MIN));
      expect(await t.ask("wxid_demo_sunli", QS, `/绑定 ${used}`)).toContain("绑定成功");
      const answers = [await t.ask("wxid_demo_wuhao", QS, `/绑定 ${used}`), await t.ask("wxid_demo_wuhao", QS, `/绑定 ${expired}`), await t.ask("wxid_demo_wuhao", QS, "/绑定 000001")];
      expect(new Set(answers).size).toBe(1);
      expect(answers[0]).toContain("绑定码无效");
    });

    it("guessing: past the limit even the right code waits, with backoff; the county admin is told", async () => {
      later(25 * 60 * MIN); // a fresh window
      const code = await createBindCode(t.prisma, { candidateId: await candidateId("周敏"), role: "reserve" }, clock);
      const guesser = "wxid_demo_zhoumin";
      const guesses = Array.from({ length: 5 }, (_, i) => String(100000 + ((Number(code) + 1 + i * 7919) % 900000)));
      for (const g of guesses) expect(await t.ask(guesser, QS, `/绑定 ${g}`)).toContain("绑定码无效");
      // The sixth try, the right code, must wait a minute.
      expect(await t.ask(guesser, QS, `/绑定 ${code}`)).toContain("次数太多，请1分钟后再试");
      expect(await t.prisma.bindCode.findUniqueOrThrow({ where: { code } })).toMatchObject({ usedAt: null });
      const alerts = await t.prisma.outboxMessage.findMany({ where: { purpose: "alert", conversation: P.county } });
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.text).toContain("连续输错绑定码5次");
      // One more wrong code after the wait doubles it.
      later(MIN + 1000);
      expect(await t.ask(guesser, QS, "/绑定 999999")).toContain("绑定码无效");
      expect(await t.ask(guesser, QS, `/绑定 ${code}`)).toContain("请2分钟后再试");
      later(2 * MIN + 1000);
      expect(await t.ask(guesser, QS, `/绑定 ${code}`)).toContain("绑定成功");
      const lines = await t.prisma.auditLog.findMany({ where: { action: "member.redeem-code", actorId: (await member(guesser)).id }, orderBy: { id: "asc" } });
      expect(lines.map((l) => (l.detail as { reason?: string } | null)?.reason ?? l.outcome)).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid", "too_many", "invalid", "too_many", "ok"]);
    });

    it("guessing from many accounts in one group: the group waits", async () => {
      later(25 * 60 * MIN);
      const code = await createBindCode(t.prisma, { candidateId: await candidateId("杨帆"), role: "reserve" }, clock);
      for (const who of ["wxid_demo_liuqiang", "wxid_demo_chenjing"]) for (let i = 0; i < 4; i++) await t.say(who, QS, `/绑定 55555${i}`);
      expect(await t.ask("wxid_demo_yangfan", QS, `/绑定 ${code}`)).toContain("次数太多");
      // Privately the owner of the code is not held up by the group.
      expect((await t.sayPrivately("wxid_demo_yangfan", `/绑定 ${code}`)).at(-1)!.text).toContain("绑定成功");
    });

    it("a code carrying a role has 12 characters and lives a day; it may be typed in lower case with spaces", async () => {
      const area = await t.prisma.area.findFirstOrThrow({ where: { name: "石门村" } });
      const code = await createBindCode(t.prisma, { role: "village_cadre", areaId: area.id }, clock, t.app.config.binding.codes);
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
      const row = await t.prisma.bindCode.findUniqueOrThrow({ where: { code } });
      expect(+row.expiresAt - +clock).toBe(24 * 60 * MIN);
      const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 8)}-${code.slice(8)}`;
      expect((await t.sayPrivately("wxid_demo_wuhao", `/绑定 ${typed}`)).at(-1)!.text).toContain("身份：村干部");
    });
  });
});
