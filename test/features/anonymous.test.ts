// Anonymous suggestions: no author in any reply, page, export or API answer; the link
// to the sender only for a county administrator, through an audited action.
import { afterAll, beforeAll, describe, expect, it as base } from "vitest";
import { DB_KINDS, postgresUnavailable } from "../support/databases.ts";
import { P, QS, TestApp } from "../support/harness.ts";

const skipPg = await postgresUnavailable();

describe.each(DB_KINDS)("anonymous suggestions on %s", (kind) => {
  let t: TestApp;
  let id: number;
  const text = "村务公开栏很久没更新了，希望按月公布集体收支，大家心里也有个数";
  beforeAll(async () => {
    if (kind === "postgres" && skipPg) return;
    t = await TestApp.start({ db: kind, http: true });
  });
  afterAll(async () => {
    await t?.stop();
  });
  const it = base.skipIf(kind === "postgres" && skipPg !== null);
  const api = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${t.app.url}/api${path}`, init);
    return { status: res.status, body: await res.json(), raw: "" };
  };

  it("is refused in a group, where everyone sees the sender", async () => {
    const reply = await t.ask(P.lijuan, QS, "/匿名建议 希望村里的账目能公开");
    expect(reply).toContain("私信机器人");
    expect(await t.prisma.feedbackItem.count({ where: { anonymous: true } })).toBe(0);
  });

  it("sent privately, becomes an item with no author, and the bot says exactly what happens to it", async () => {
    const replies = await t.sayPrivately(P.lijuan, `/匿名建议 ${text}`);
    expect(replies).toHaveLength(1);
    const reply = replies[0]!.text;
    expect(reply).toMatch(/已收到您的匿名建议（#\d+/);
    expect(reply).toContain("群聊、页面、导出和接口里都看不到是谁提的");
    expect(reply).toContain("县委组织部管理员经留痕审批的操作查看");
    id = Number(/#(\d+)/.exec(reply)![1]);
    const item = await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id } });
    expect(item).toMatchObject({ anonymous: true, authorId: null, candidateId: null, groupId: null, messageId: null, kind: "idea", status: "open" });
    // Nothing on the person's file: the message itself is not kept in the archive.
    expect(await t.prisma.archivedMessage.count({ where: { text: { contains: "村务公开栏" } } })).toBe(0);
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { entity: "FeedbackItem", entityId: String(id) } });
    expect(audit.actorId).toBeNull();
  });

  it("a redelivered /匿名建议 files nothing new", async () => {
    const m = t.chat(P.zhangwei, "", "/匿名建议 希望村里的低保评定过程能公开一点", { id: "anon-dup-1" });
    const first = await t.handle(m);
    const second = await t.handle({ ...m });
    expect(first).toHaveLength(1);
    expect(second).toEqual([]);
    expect(await t.prisma.feedbackItem.count({ where: { text: "希望村里的低保评定过程能公开一点" } })).toBe(1);
  });

  it("shows no author in /待办, in /档案, in the weekly digest or in the API", async () => {
    const open = await t.ask(P.qsCadre, QS, "/待办");
    const line = open.split("\n").find((l) => l.startsWith(`#${id} `))!;
    expect(line).toContain("匿名");
    expect(line).not.toContain("李娟");
    expect(await t.ask(P.qsCadre, QS, "/档案 李娟")).toContain("建议：0条");

    const list = await api("/feedback?status=open");
    const item = list.body.items.find((i: { id: number }) => i.id === id);
    expect(item).toMatchObject({ anonymous: true, author: null, candidate: null });
    expect(JSON.stringify(item)).not.toMatch(/李娟|lijuan/);
    const lijuan = await t.prisma.candidate.findFirstOrThrow({ where: { name: "李娟" } });
    const file = await api(`/candidates/${lijuan.id}`);
    expect(JSON.stringify(file.body)).not.toContain("村务公开栏");

    const digest = await api("/digest?period=近7天");
    expect(digest.body.ideas.items.find((i: { id: number }) => i.id === id)).toMatchObject({ who: null });
    expect(digest.body.text).toContain(`#${id} 匿名`);
    expect(digest.body.text).not.toMatch(/李娟（/);
  });

  it("an answer is stored and sent to nobody", async () => {
    const before = await t.prisma.outboxMessage.count();
    expect(await t.ask(P.qsCadre, QS, `/回复 #${id} 下个月起每月5号更新`)).toContain("不发给任何人");
    expect(await t.prisma.outboxMessage.count()).toBe(before);
    expect(await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "answered", response: "下个月起每月5号更新" });
  });

  it("only a county administrator may see the sender, with a reason, and it is audited", async () => {
    expect(await t.ask(P.qsOrganiser, QS, `/匿名来源 #${id} 核实情况`)).toContain("仅限县委组织部管理员");
    const noReason = await t.sayPrivately(P.county, `/匿名来源 #${id}`);
    expect(noReason[0]!.text).toContain("理由");
    const shown = await t.sayPrivately(P.county, `/匿名来源 #${id} 内容涉嫌辱骂他人，需要核实`);
    expect(shown[0]!.text).toContain("李娟");
    const log = await t.prisma.auditLog.findFirstOrThrow({ where: { action: "feedback.reveal_sender", entityId: String(id) } });
    expect(log.detail).toMatchObject({ reason: "内容涉嫌辱骂他人，需要核实" });
    const county = await t.prisma.chatMember.findFirstOrThrow({ where: { externalId: P.county } });
    expect(log.actorId).toBe(county.id);

    const viaApi = await api(`/feedback/${id}/sender`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ reason: "县里核查恶意举报" }) });
    expect(viaApi.body).toMatchObject({ name: "李娟" });
    expect(await t.prisma.auditLog.count({ where: { action: "feedback.reveal_sender", entityId: String(id) } })).toBe(2);
    const bad = await api(`/feedback/${id}/sender`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({}) });
    expect(bad.status).toBe(400);
  });
});
