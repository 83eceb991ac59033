// Every command, for every role, through the real pipeline: mock puppet → Wechaty →
// bot → database, on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BS, P, QS, TestApp, YOUTH } from "../support/harness.ts";
import { DB_KINDS, postgresUnavailable } from "../support/databases.ts";

const skipPg = await postgresUnavailable();

describe.each(DB_KINDS)("commands on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;
  let t: TestApp;
  beforeAll(async () => {
    if (!skip) t = await TestApp.start({ db: kind });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const candidateId = async (name: string) => (await t.prisma.candidate.findFirstOrThrow({ where: { name } })).id;
  const denials = () => t.prisma.auditLog.count({ where: { outcome: "denied" } });

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "every role", () => {
    it("/帮助 lists what the asker may use, in Chinese and English names", async () => {
      const guest = await t.say(P.newcomer, QS, "/帮助");
      // Commands are answered; the one-time greeting is for ordinary messages.
      expect(guest).toHaveLength(1);
      expect(guest[0]!.text).toContain("/反馈");
      expect(guest[0]!.text).not.toContain("/登记");
      const cadre = await t.ask(P.qsCadre, QS, "/help");
      expect(cadre).toContain("/登记");
      expect(cadre).toContain("/待办");
      expect(cadre).toContain("/register");
    });

    it("accepts full-width forms, @bot first, and the IME's 、 for /", async () => {
      expect(await t.ask(P.lijuan, QS, "／帮助")).toContain("/档案");
      expect(await t.ask(P.lijuan, QS, "@苗圃助手\u2005/帮助")).toContain("/档案");
      expect(await t.ask(P.lijuan, QS, "、ＨＥＬＰ")).toContain("/档案");
    });

    it("/反馈 and /建议 file numbered items against the sender's record", async () => {
      const text = await t.ask(P.lijuan, QS, "/建议 村里可以搞电商直播，把茶叶卖出去");
      const id = Number(/#(\d+)/.exec(text)![1]);
      expect(text).toContain("建议");
      const item = await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id } });
      expect(item).toMatchObject({ kind: "idea", topic: "industry", status: "open", candidateId: await candidateId("李娟"), detectedBy: "explicit" });
      const fb = await t.ask(P.zhangwei, QS, "／ｆｅｅｄｂａｃｋ 村口路灯坏了一个月了");
      const fbItem = await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id: Number(/#(\d+)/.exec(fb)![1]) } });
      expect(fbItem).toMatchObject({ kind: "feedback", topic: "governance", candidateId: await candidateId("张伟") });
    });

    it("/反馈 with no text says how to write it", async () => {
      const text = await t.ask(P.lijuan, QS, "/反馈");
      expect(text).toContain("用法：/反馈 内容");
    });

    it("a member not yet bound may give feedback; it is filed to the group's area", async () => {
      const text = await t.ask(P.newcomer, QS, "/反馈 我们组的自来水经常停");
      const item = await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id: Number(/#(\d+)/.exec(text)![1]) }, include: { area: true } });
      expect(item.candidateId).toBeNull();
      expect(item.area.name).toBe("青山镇");
    });

    it("/档案: a reserve sees their own file, phone masked", async () => {
      const text = await t.ask(P.lijuan, QS, "/档案");
      expect(text).toContain("李娟");
      expect(text).toContain("138****1234");
      expect(text).not.toContain("13812341234");
      expect(text).toContain("青溪县 青山镇 青山村");
    });

    it("/档案: a reserve may not read another's file, and the refusal is audited", async () => {
      const before = await denials();
      const text = await t.ask(P.lijuan, QS, "/档案 张伟");
      expect(text).toBe("您只能查看自己的档案。");
      expect(await denials()).toBe(before + 1);
    });

    it("/档案: cadres see files inside their area only", async () => {
      expect(await t.ask(P.qsCadre, QS, "/档案 张伟")).toContain("139****2222"); // 青山村, his village
      // 桃源村: a name search stays inside the cadre's area, so it is not even found
      expect(await t.ask(P.qsCadre, QS, "/档案 王芳")).toBe("没有找到“王芳”的档案（仅查找您负责的范围）。");
      expect(await t.ask(P.qsCadre, QS, `/档案 #${await candidateId("王芳")}`)).toBe(`没有档案 #${await candidateId("王芳")}，或不在您负责的范围内。`);
      expect(await t.ask(P.qsOrganiser, QS, "/档案 王芳")).toContain("137****3333"); // his township
      expect(await t.ask(P.bsOrganiser, BS, `/档案 #${await candidateId("李娟")}`)).toContain("不在您负责的范围内");
      expect(await t.ask(P.county, BS, `/档案 #${await candidateId("李娟")}`)).toContain("李娟");
      const mention = await t.ask(P.qsOrganiser, QS, "/档案 @李娟", { mentions: [P.lijuan] });
      expect(mention).toContain("【档案");
      expect(mention).toContain("李娟");
    });

    it("/档案: a guest is refused by role; a wrong number or name is explained", async () => {
      expect(await t.ask(P.newcomer, QS, "/档案")).toContain("仅限后备力量及以上");
      expect(await t.ask(P.county, QS, "/档案 #99999")).toBe("没有档案 #99999，或不在您负责的范围内。");
      expect(await t.ask(P.county, QS, "/档案 不存在的人")).toContain("没有找到");
    });

    it("/待办 lists open items in the cadre's own area; reserves are refused", async () => {
      await t.ask(P.wangfang, QS, "/反馈 桃源村的垃圾没人清运"); // 桃源村
      const village = await t.ask(P.qsCadre, QS, "/待办");
      expect(village).toContain("青山村");
      expect(village).not.toContain("桃源村的垃圾");
      const township = await t.ask(P.qsOrganiser, QS, "/待办");
      expect(township).toContain("桃源村的垃圾");
      expect(township).toContain("村口路灯");
      expect(await t.ask(P.bsCadre, BS, "/open")).toContain("没有待处理");
      expect(await t.ask(P.lijuan, QS, "/待办")).toContain("仅限村干部/帮带人及以上");
    });

    it("/回复 posts the answer in the group, mentioning the person, and marks the item answered", async () => {
      const asked = await t.ask(P.zhangwei, QS, "/反馈 茶叶合作社缺少冷库，夏天损耗大");
      const id = Number(/#(\d+)/.exec(asked)![1]);
      const since = t.sent.length;
      // In the same group the answer itself is what the cadre sees; it goes through the outbox.
      await t.say(P.qsCadre, QS, `/回复 #${id} 已报乡里，争取明年项目资金`);
      const post = await t.waitSent((r) => r.roomId === QS, since);
      expect(t.sent.slice(since).filter((r) => r.text.includes("已答复"))).toEqual([]);
      expect(post.text).toMatch(/^@张伟/);
      expect(post.text).toContain("已报乡里");
      expect(await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "answered", response: "已报乡里，争取明年项目资金" });
    });

    it("/回复 from another group goes to the item's group, and the cadre is told", async () => {
      const asked = await t.ask(P.lijuan, QS, "/建议 组织一次返乡大学生座谈");
      const id = Number(/#(\d+)/.exec(asked)![1]);
      const since = t.sent.length;
      await t.say(P.county, BS, `/回复 #${id} 春节期间安排`);
      expect((await t.waitSent((r) => r.roomId === BS, since)).text).toContain(`已答复 #${id}`);
      expect((await t.waitSent((r) => r.roomId === QS, since)).text).toContain("春节期间安排");
    });

    it("/回复 and /关闭: out of scope, bad numbers and missing text get clear answers", async () => {
      const asked = await t.ask(P.lijuan, QS, "/反馈 希望开通去县城的公交");
      const id = Number(/#(\d+)/.exec(asked)![1]);
      expect(await t.ask(P.bsCadre, BS, `/回复 #${id} 好的`)).toContain("不在您负责的范围内");
      expect(await t.ask(P.qsCadre, QS, "/回复 好的")).toContain("请写明编号");
      expect(await t.ask(P.qsCadre, QS, `/回复 #${id}`)).toContain("请写上答复内容");
      expect(await t.ask(P.qsCadre, QS, "/回复 #99999 好的")).toContain("没有编号 #99999");
      expect(await t.ask(P.lijuan, QS, `/关闭 #${id}`)).toContain("仅限");
      expect(await t.ask(P.qsCadre, QS, `/关闭 #${id} 已协调交通局`)).toBe(`已关闭 #${id}：已协调交通局。`);
      expect(await t.ask(P.qsCadre, QS, `/关闭 #${id}`)).toContain("已经关闭");
      expect(await t.ask(P.qsCadre, QS, `/回复 #${id} 再说一句`)).toContain("已关闭，不能再答复");
    });

    it("/登记 registers a candidate in the cadre's area", async () => {
      const text = await t.ask(P.qsCadre, QS, "/登记 赵小军 村=青山村 类别=退役军人 来源：群众举荐 电话=13911112222 性别=男 出生=1996");
      expect(text).toContain("已登记：赵小军");
      const c = await t.prisma.candidate.findFirstOrThrow({ where: { name: "赵小军" }, include: { village: true } });
      expect(c).toMatchObject({ category: "veteran", source: "villager_recommendation", stage: "prospect", phone: "13911112222", birthYear: 1996, gender: "male" });
      expect(c.village.name).toBe("青山村");
      expect(text).not.toContain("13911112222");
    });

    it("/登记: bad or missing fields say what is wrong and how to write it", async () => {
      const cases: [string, string][] = [
        ["/登记 李四", "缺少村"],
        ["/登记 李四 村=青山村 电话=12345", "电话应为11位手机号"],
        ["/登记 李四 村=青山村 类别=宇航员", "类别应为：致富能手、返乡创业青年、大学毕业生、退役军人、其他"],
        ["/登记 李四 村=青山村 出生=九五年", "出生年份应为四位数字"],
        ["/登记 李四 村=青山村 爱好=钓鱼", "不认识“爱好”这一项"],
        ["/登记 李四 村=青山村 constructor=x", "不认识“constructor”这一项"],
        ["/登记 李四 村=青山村 类别=toString", "类别应为"],
        ["/登记 李四 村=月亮村", "没有找到“月亮村”"],
        ["/登记 李四 村=青山镇", "不是村"],
        ["/登记 李娟 村=青山村", "已有一位李娟"],
      ];
      for (const [cmd, expected] of cases) {
        const text = await t.ask(P.qsCadre, QS, cmd);
        expect(text, cmd).toContain(expected);
        expect(text, cmd).toContain("用法：/登记");
      }
      expect(await t.prisma.candidate.count({ where: { name: "李四" } })).toBe(0);
    });

    it("/登记: out of scope or by a reserve is refused and audited", async () => {
      const before = await denials();
      expect(await t.ask(P.qsCadre, QS, "/登记 钱五 村=桃源村")).toContain("不在其中");
      expect(await t.ask(P.lijuan, QS, "/登记 钱五 村=青山村")).toContain("仅限村干部");
      expect(await denials()).toBe(before + 2);
      expect(await t.prisma.candidate.count({ where: { name: "钱五" } })).toBe(0);
    });

    it("/名册 counts the register by stage and category", async () => {
      const text = await t.ask(P.qsOrganiser, QS, "/名册");
      const inDb = await t.prisma.candidate.count({ where: { village: { path: { startsWith: (await t.prisma.area.findFirstOrThrow({ where: { name: "青山镇" } })).path } }, stage: { not: "exited" } } });
      expect(text).toContain(`【青溪县 青山镇 名册】在册 ${inDb} 人`);
      expect(text).toMatch(/大学毕业生 \d+/);
      expect(await t.ask(P.qsCadre, QS, "/名册")).toContain("青山村 名册");
      expect(await t.ask(P.qsCadre, QS, "/名册 白水乡")).toContain("不在您负责的范围内");
      expect(await t.ask(P.county, QS, "/roster 白水乡")).toContain("白水乡 名册");
      expect(await t.ask(P.lijuan, QS, "/名册")).toContain("仅限");
    });

    it("/绑定码 sends a one-time code privately; the person binds with /绑定 CODE, once", async () => {
      const replies = await t.say(P.qsCadre, QS, "/绑定码 赵小军");
      const direct = replies.find((r) => r.toId === P.qsCadre)!;
      expect(replies.find((r) => r.roomId === QS)!.text).toContain("已私信");
      const code = /绑定码：(\d{6})/.exec(direct.text)![1]!;
      // Not in the group: the group only learns that a code was sent.
      expect(replies.filter((r) => r.roomId === QS).every((r) => !r.text.includes(code))).toBe(true);

      expect(await t.ask(P.newcomer, QS, `/绑定 ${code}`)).toContain("绑定成功");
      const m = await t.prisma.chatMember.findFirstOrThrow({ where: { externalId: P.newcomer } });
      expect(m.role).toBe("reserve");
      expect(m.candidateId).toBe(await candidateId("赵小军"));
      // Earlier messages of this person now belong to the record.
      expect(await t.prisma.archivedMessage.count({ where: { memberId: m.id, candidateId: null } })).toBe(0);
      expect(await t.ask(P.newcomer, QS, "/档案")).toContain("赵小军");
      expect(await t.ask(P.zhangwei, QS, `/绑定 ${code}`)).toContain("绑定码无效");
      expect(await t.ask(P.zhangwei, QS, "/绑定 12ab")).toContain("绑定码是6位数字");
      expect(await t.ask(P.lijuan, QS, "/绑定码 张伟")).toContain("仅限");
    });

    it("/绑定 @member name: a cadre links a member to a record", async () => {
      const text = await t.ask(P.qsOrganiser, QS, "/绑定 @张伟 王芳", { mentions: [P.zhangwei] });
      expect(text).toContain("已将张伟绑定到档案");
      const m = await t.prisma.chatMember.findFirstOrThrow({ where: { externalId: P.zhangwei } });
      expect(m.candidateId).toBe(await candidateId("王芳"));
      // put it back for the other tests
      await t.ask(P.qsOrganiser, QS, "/绑定 @张伟 张伟", { mentions: [P.zhangwei] });
      expect(await t.ask(P.lijuan, QS, "/绑定 @张伟 张伟", { mentions: [P.zhangwei] })).toContain("只有村干部及以上");
      expect(await t.ask(P.bsCadre, BS, `/绑定 @郑宇 #${await candidateId("李娟")}`, { mentions: [P.zhengyu] })).toContain("不在您负责的范围内");
    });

    it("/绑定群 makes an unbound group a liaison group; before that nothing is archived", async () => {
      const before = await t.prisma.archivedMessage.count();
      expect(await t.say(P.zhengyu, YOUTH, "大家好")).toEqual([]);
      expect(await t.say(P.zhengyu, YOUTH, "/帮助")).toEqual([]);
      expect(await t.prisma.archivedMessage.count()).toBe(before);
      expect(await t.ask(P.zhengyu, YOUTH, "/绑定群 青溪县")).toContain("仅限");
      expect(await t.ask(P.county, YOUTH, "/绑定群 青溪县")).toContain("本群已设为青溪县联系群");
      await t.say(P.zhengyu, YOUTH, "以后常联系");
      expect(await t.prisma.archivedMessage.count({ where: { text: "以后常联系", group: { externalId: YOUTH } } })).toBe(1);
    });

    it("an unknown command gets a hint", async () => {
      expect(await t.ask(P.lijuan, QS, "/不存在")).toBe("没有“/不存在”这个命令。发送 /帮助 查看可用命令。");
    });
  });
});
