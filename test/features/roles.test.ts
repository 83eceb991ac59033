// Every command for every role: who may run it at all (scope within an area is
// covered command by command in commands.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLE, ROLE_ORDER, type Role } from "../../src/domain/glossary.ts";
import { FEATURES } from "../../src/features/index.ts";
import { commandsOf } from "../../src/features/install.ts";

const COMMANDS = commandsOf(FEATURES);
import { P, QS, TestApp } from "../support/harness.ts";

const ACTORS: Record<Role, string> = {
  guest: P.newcomer,
  reserve: P.lijuan,
  village_cadre: P.qsCadre,
  township_organiser: P.qsOrganiser,
  county_admin: P.county,
};

// A use of each command that a permitted person could plausibly send.
const USES: Record<string, string> = {
  帮助: "/帮助",
  反馈: "/反馈 村口路灯坏了",
  建议: "/建议 多办几期电商培训",
  档案: "/档案 #1",
  绑定: "/绑定 000000",
  待办: "/待办",
  回复: "/回复 #1 收到",
  关闭: "/关闭 #1",
  登记: "/登记 测试人 村=青山村",
  绑定码: "/绑定码 #1",
  名册: "/名册",
  绑定群: "/绑定群 青溪县",
  打卡: "/打卡 学习强国 30分钟",
  提醒: "/提醒",
  外发: "/外发",
  登录: "/登录",
  匿名建议: "/匿名建议 希望多办几期电商培训",
  待审: "/待审",
  匿名来源: "/匿名来源 #1 核实是否有恶意内容",
  周报: "/周报 明年",
  座谈会: "/座谈会",
  回乡: "/回乡 腊月二十六回，初六走",
  报名: "/报名",
  签到: "/签到",
  请假: "/请假 在外地出差",
  成长: "/成长",
  汇报: "/汇报 思想稳定 这个月参与了村务",
  帮带: "/帮带",
  阶段: "/阶段 #1 培养对象 理由=经村党组织研究同意",
  考察: "/考察 #1 与本人谈话 评价较好",
  公示: "/公示 查看 #1",
  测评: "/测评 结果 #1",
  意见箱: "/意见箱 提醒能不能少发一些",
  记录: "/记录 #1 谈心谈话 聊了聊返乡创业的打算",
};

describe("role gates", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("has a use for every command", () => {
    expect(Object.keys(USES).sort()).toEqual(COMMANDS.map((c) => c.names[0]!).sort());
  });

  const cases = COMMANDS.flatMap((c) => ROLE_ORDER.map((role) => [c.names[0]!, role, ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(c.minRole)] as const));
  it.each(cases)("/%s as %s → allowed: %s", async (name, role, allowed) => {
    const replies = await t.say(ACTORS[role], QS, USES[name]!);
    const refusal = `“/${name}”仅限`;
    const texts = replies.map((r) => r.text).join("\n");
    expect(replies.length).toBeGreaterThan(0);
    if (allowed) expect(texts).not.toContain(refusal);
    else expect(texts).toBe(`“/${name}”仅限${ROLE[COMMANDS.find((c) => c.names[0] === name)!.minRole]}及以上使用。`);
  });
});
