// What ordinary talk becomes: every kind the recogniser knows, stored on the message;
// ideas, feedback and requests as items a cadre answers; study notes as check-ins;
// thinking on the file only.
import { afterAll, beforeAll, describe, expect, it as base } from "vitest";
import { DB_KINDS, postgresUnavailable } from "../support/databases.ts";
import { P, QS, TestApp } from "../support/harness.ts";

const skipPg = await postgresUnavailable();

describe.each(DB_KINDS)("recognising ordinary talk on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    if (kind === "postgres" && skipPg) return;
    t = await TestApp.start({ db: kind });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const it = base.skipIf(kind === "postgres" && skipPg !== null);
  const message = (text: string) => t.prisma.archivedMessage.findFirstOrThrow({ where: { text }, include: { feedback: true } });

  it("files a request for help as a request a cadre must answer, and lists it in /待办", async () => {
    const text = "孩子明年上小学，户口在村里但人在外面，入学手续怎么办？";
    const replies = await t.say(P.lijuan, QS, text);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("求助");
    const m = await message(text);
    expect(m).toMatchObject({ remarkKind: "request", remarkBy: "rule" });
    expect(m.feedback[0]).toMatchObject({ kind: "request", status: "open" });
    expect(await t.ask(P.qsCadre, QS, "/待办")).toContain(`#${m.feedback[0]!.id} [求助·`);
  });

  it("files a complaint with no cue word and an idea without 建议", async () => {
    for (const [text, k] of [
      ["自来水这个月停了三次，也没提前通知，老人在家很不方便", "feedback"],
      ["村集体经济可以试试光伏，屋顶租出去一年也有一笔收入", "idea"],
    ] as const) {
      expect(await t.say(P.zhangwei, QS, text)).toHaveLength(1);
      const m = await message(text);
      expect(m.remarkKind).toBe(k);
      expect(m.feedback[0]!.kind).toBe(k);
    }
  });

  it("counts a study note as a study check-in, without a reply and without an item", async () => {
    const text = "今天在学习强国上看了乡村振兴的专题，里面讲的数字乡村很有启发";
    expect(await t.say(P.wangfang, QS, text)).toEqual([]);
    const m = await message(text);
    expect(m).toMatchObject({ remarkKind: "study", remarkTopic: "study", feedback: [] });
    const checkin = await t.prisma.studyCheckin.findUniqueOrThrow({ where: { messageId: m.id } });
    expect(checkin.platform).toBe("学习强国");
  });

  it("keeps thinking on the file, out of the open items", async () => {
    const text = "在外面打工这么多年，一直在想要不要回村里发展，家里老人也年纪大了，心里挺纠结的";
    expect(await t.say(P.zhangwei, QS, text)).toEqual([]);
    const m = await message(text);
    expect(m).toMatchObject({ remarkKind: "thinking", remarkTopic: "thinking", feedback: [] });
    expect(await t.prisma.studyCheckin.count({ where: { messageId: m.id } })).toBe(0);
    expect(await t.ask(P.qsCadre, QS, "/档案 张伟")).toMatch(/思想动态：1条，最近 .*：在外面打工这么多年/);
  });

  it("stores small talk as nothing", async () => {
    expect(await t.say(P.lijuan, QS, "收到，谢谢书记")).toEqual([]);
    expect(await message("收到，谢谢书记")).toMatchObject({ remarkKind: null, remarkTopic: null, feedback: [] });
  });
});
