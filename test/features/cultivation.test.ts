// Growing the seedlings end to end, on a fixed clock, on PGlite and PostgreSQL:
// one person's whole path from 摸底 to 使用 (appraisal, inspection, notice with an
// objection gating the move), another's to 调整退出 and back, refusals that change
// nothing and are audited, mentoring with its reminders and flags, report prompts
// and the one reminder, quiet hours, and the quarterly view's reasons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, postgresUnavailable, restartableDatabase } from "../support/databases.ts";
import { P, QS, TestApp } from "../support/harness.ts";

const skipPg = await postgresUnavailable();
const bj = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
const BS = "demo-baishui@chatroom";

describe.each(DB_KINDS)("cultivation on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "stages, appraisal, notices, mentoring, reports", () => {
    let clock = bj("2026-09-01 10:00");
    let t: TestApp;
    let url: string;
    let drop = async () => {};
    beforeAll(async () => {
      const db = await restartableDatabase(kind);
      drop = db.drop;
      t = await TestApp.start({ ...db.opts, jobs: false, http: true, now: () => clock });
      url = t.app.url!;
      // Everyone was registered at the start of the year (the seed stamps the real time).
      await t.prisma.candidate.updateMany({ data: { createdAt: bj("2026-01-05 09:00") } });
    });
    afterAll(async () => {
      await t?.stop();
      await drop();
    });

    /** The one reply to a message said at the clock's time. */
    const say = async (from: string, text: string, opts: { room?: string; mentions?: { id: string; name: string }[] } = {}) => {
      const replies = await t.handle(t.chat(from, opts.room ?? QS, text, { mentions: opts.mentions ?? [] }));
      expect(replies).toHaveLength(1);
      return replies[0]!.text;
    };
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(url + "/api" + path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const idOf = async (name: string) => (await t.prisma.candidate.findFirstOrThrow({ where: { name } })).id;
    const stageOf = async (name: string) => (await t.prisma.candidate.findFirstOrThrow({ where: { name } })).stage;
    const denied = (action: string) => t.prisma.auditLog.count({ where: { action, outcome: "denied" } });

    it("walks 杨帆 from 摸底对象 to 使用, each move with its reason and the evidence the rule asks for", async () => {
      const id = await idOf("杨帆");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 培养对象 理由=经村党组织研究 列为培养对象`)).toBe(`已将杨帆（#${id}）由摸底对象调整为培养对象。理由：经村党组织研究 列为培养对象`);

      // Skipping the appraisal, the inspection and the notice is refused, naming all three, and audited.
      const before = await denied("stage.move");
      const refused = await say(P.qsOrganiser, `/阶段 #${id} 后备力量 理由=表现突出 拟纳入`);
      expect(refused).toContain("纳入后备力量前还需：尚未完成民主测评");
      expect(refused).toContain("没有乡镇考察记录");
      expect(refused).toContain("没有拟纳入后备力量的公示");
      expect(await stageOf("杨帆")).toBe("trainee");
      expect(await denied("stage.move")).toBe(before + 1);

      // An appraisal round of five voters, voting on the ballot route.
      const opened = await say(P.qsOrganiser, "/测评 开始 石门村 杨帆 人数=5");
      const roundId = Number(/第(\d+)轮/.exec(opened)![1]);
      expect(opened).toContain("测评对象杨帆，选票码5个");
      const inGroup = await say(P.qsOrganiser, `/测评 码 #${roundId}`);
      expect(inGroup).toContain("请私聊我获取");
      const codes = (await say(P.qsOrganiser, `/测评 码 #${roundId}`, { room: "" })).split("\n").slice(1);
      expect(codes).toHaveLength(5);
      const page = await api("POST", "/ballots/open", { code: codes[0]!.toLowerCase() });
      expect(page.body.people).toEqual([{ candidateId: id, name: "杨帆" }]);
      for (const [i, code] of codes.entries()) expect((await api("POST", "/ballots", { code, marks: { [id]: i < 3 ? "优秀" : "称职" } })).status).toBe(200);
      const again = await api("POST", "/ballots", { code: codes[0], marks: { [id]: "不称职" } });
      expect(again).toEqual({ status: 400, body: expect.objectContaining({ error: "这个选票码已经投过票了，每个码只能投一次。" }) });
      const closed = await say(P.qsOrganiser, `/测评 结束 #${roundId}`);
      expect(closed).toContain("参与 5/5（100%）");
      expect(closed).toContain("杨帆：优秀 60%，称职 40%，基本称职 0%，不称职 0%（5票）→ 优秀");

      expect(await say(P.qsOrganiser, `/考察 #${id} 与本人及村两委成员谈话，走访群众5人，评价较好`)).toContain("已记录对杨帆的考察情况");

      // The notice: posted, an objection, ending early refused, the move waiting on it.
      const posted = await say(P.qsOrganiser, `/公示 #${id} 入库`);
      const noticeId = Number(/公示 #(\d+)/.exec(posted)![1]);
      expect(posted).toContain("公示期2026-09-01至2026-09-08（5个工作日）");
      expect(posted).toContain("石门村村级后备力量人选公示");
      expect(await say(P.qsOrganiser, `/公示 结束 #${noticeId}`)).toContain("期满前不能结束公示");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 后备力量 理由=测评考察公示均已完成`)).toContain("公示（#" + noticeId + "）尚在公示期内");
      const objection = await say(P.qsOrganiser, `/公示 异议 #${noticeId} 有群众反映其在外务工 很少回村`);
      const objectionId = Number(/异议 #(\d+)/.exec(objection)![1]);

      clock = bj("2026-09-09 09:00");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 后备力量 理由=测评考察公示均已完成`)).toContain("有异议尚未处理完");
      expect(await say(P.qsOrganiser, `/公示 处理 #${objectionId} 经核实 本人每月回村参加活动 成立=否`)).toBe(`异议 #${objectionId} 已处理（不成立）。`);
      expect(await say(P.qsOrganiser, `/公示 结束 #${noticeId}`)).toBe(`公示 #${noticeId} 已结束：期满无异议。`);

      // A cadre of another township cannot move him; nothing changes.
      expect(await say(P.bsOrganiser, `/阶段 #${id} 后备力量 理由=测评考察公示均已完成`, { room: BS })).toContain("不在您负责的范围内");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 后备力量 理由=测评考察公示均已完成`)).toContain("由培养对象调整为后备力量");
      const move = await t.prisma.stageMove.findFirstOrThrow({ where: { candidateId: id, toStage: "reserve" } });
      expect(move.evidence).toMatchObject({ appraisalRound: roundId, appraisalVerdict: "excellent", notice: noticeId });

      // Use: a notice of its own, then the post.
      clock = bj("2027-03-01 10:00");
      const usePosted = await say(P.qsOrganiser, `/公示 #${id} 使用 岗位=村委会委员`);
      const useId = Number(/公示 #(\d+)/.exec(usePosted)![1]);
      clock = bj("2027-03-10 10:00");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 使用 理由=换届选举当选`)).toContain("写明任用的岗位");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 使用 理由=换届选举当选 岗位=村委会委员`)).toContain("由后备力量调整为使用");
      expect(await stageOf("杨帆")).toBe("used");
      expect(useId).toBeGreaterThan(noticeId);
      // His file names the last move and its reason.
      expect(await say(P.qsOrganiser, `/档案 #${id}`)).toContain("最近阶段变化：2027-03-10 后备力量→使用（换届选举当选）");

      // He sees his own path, with the reasons.
      const pathText = await say("wxid_demo_yangfan", "/成长");
      expect(pathText).toContain("现在：使用");
      expect(pathText).toContain("2026-09-01 摸底对象→培养对象（经村党组织研究 列为培养对象）");
      expect(pathText).toContain("2026-09-09 培养对象→后备力量（测评考察公示均已完成）");
      expect(pathText).toContain(`民主测评（第${roundId}轮，2026-09-01）：优秀`);
      // Another reserve cannot read it, nor learn by trying whether a record or a name exists.
      expect(await say(P.lijuan, `/成长 #${id}`)).toBe("您只能查看自己的档案。");
      expect(await say(P.lijuan, "/成长 #99999")).toBe("您只能查看自己的档案。");
      expect(await say(P.lijuan, "/成长 杨帆")).toBe("您只能查看自己的档案。");

      // Counts by stage at a past date: on 1 September he was still being surveyed.
      const village = await t.prisma.area.findFirstOrThrow({ where: { name: "石门村" } });
      const then = await api("GET", `/cultivation/stages?area=${village.id}&at=2026-08-31`);
      const now = await api("GET", `/cultivation/stages?area=${village.id}`);
      expect(then.body.counts.prospect - now.body.counts.prospect).toBe(1);
      expect(now.body.counts.used).toBe(1);
      expect(then.body.counts.used).toBe(0);
      // The same in the chat's register.
      const past = await say(P.qsOrganiser, "/名册 石门村 2026-08-31");
      expect(past).toContain("【青溪县 青山镇 石门村 名册】截至2026-08-31，");
      expect(past).toContain(`摸底对象 ${then.body.counts.prospect}`);
      expect(past).toContain("使用 0");
      expect(await say(P.qsOrganiser, "/名册 石门村")).toContain("使用 1");
    });

    it("takes 黄磊 to 调整退出 and back through the same path", async () => {
      clock = bj("2027-03-11 10:00");
      const id = await idOf("黄磊");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 培养对象 理由=本人自荐 村党组织研究同意`)).toContain("由摸底对象调整为培养对象");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 调整退出 理由=长期在深圳务工 本人申请退出`)).toContain("由培养对象调整为调整退出");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 培养对象 理由=返乡创业 申请重新纳入`)).toContain("不能从调整退出直接调整为培养对象");
      clock = bj("2027-06-01 10:00");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 摸底对象 理由=返乡创业 申请重新纳入`)).toContain("由调整退出调整为摸底对象");
      expect(await say(P.qsOrganiser, `/阶段 #${id} 培养对象 理由=村党组织再次研究同意`)).toContain("由摸底对象调整为培养对象");
      const moves = await t.prisma.stageMove.findMany({ where: { candidateId: id }, orderBy: { id: "asc" } });
      expect(moves.map((m) => `${m.fromStage}>${m.toStage}`)).toEqual(["prospect>trainee", "trainee>exited", "exited>prospect", "prospect>trainee"]);
      expect(moves.every((m) => m.byId !== null && m.reason.length >= 4)).toBe(true);
    });

    it("pairs a mentor, takes logs only from them, and sees the mentee's path", async () => {
      clock = bj("2027-06-02 10:00");
      const zhangwei = { id: P.zhangwei, name: "张伟" };
      const wang = { id: P.qsCadre, name: "王书记" };
      expect(await say(P.qsOrganiser, "/帮带 结对 @张伟 @王书记", { mentions: [zhangwei, wang] })).toBe("已结对：王书记 帮带 张伟。");
      expect(await say(P.qsCadre, "/帮带 记录 @张伟 谈了合作社的想法 #经验 #方法", { mentions: [zhangwei] })).toBe("已记录与张伟的帮带联系（经验上传、方法上教）。");
      const before = await denied("mentor.log");
      expect(await say(P.qsCadre, "/帮带 记录 #" + (await idOf("李娟")) + " 聊了聊近况")).toContain("您不是此人的帮带人");
      expect(await denied("mentor.log")).toBe(before + 1);
      expect(await say(P.zhangwei, "/帮带")).toBe("您的帮带人：王书记");
      expect(await say(P.qsCadre, "/成长 @张伟", { mentions: [zhangwei] })).toContain("帮带人：王书记");

      // Mentoring is a relation: paired with 刘强 of 桃源村, outside his area, 王书记 may now read his file.
      const liuqiang = await idOf("刘强");
      expect(await say(P.qsCadre, `/档案 #${liuqiang}`)).toBe(`没有档案 #${liuqiang}，或不在您负责的范围内。`);
      expect(await say(P.qsOrganiser, `/帮带 结对 #${liuqiang} @王书记`, { mentions: [wang] })).toBe("已结对：王书记 帮带 刘强。");
      const file = await say(P.qsCadre, `/档案 #${liuqiang}`);
      expect(file).toContain(`【档案 #${liuqiang}】刘强`);
      expect(file).toContain("帮带人：王书记");

      // Care on the file, seen by the person.
      expect(await say(P.qsCadre, "/记录 @张伟 走访慰问 到家里看望，了解茶叶加工设备的困难", { mentions: [zhangwei] })).toMatch(/^已在张伟的档案里记录走访慰问（#\d+）/);
      expect(await say(P.qsCadre, "/记录 @张伟 请客吃饭", { mentions: [zhangwei] })).toContain("请写记录的类别");
      expect(await say(P.zhangwei, "/成长")).toContain("走访慰问（2027-06-02）：到家里看望，了解茶叶加工设备的困难");
    });

    it("asks for reports privately, reminds once only those who did not answer, keeps quiet hours", async () => {
      clock = bj("2027-07-01 10:00");
      const r1 = await t.app.runJob("cultivation-daily", clock);
      expect(r1.prompts).toBeGreaterThan(5);
      const sent = await t.drainOutbox();
      const toZhang = sent.filter((s) => s.toId === P.zhangwei);
      expect(toZhang).toHaveLength(1);
      expect(toZhang[0]!.text).toContain("2027年7月的定期汇报");
      expect(sent.every((s) => s.roomId === "")).toBe(true); // never in a group
      expect(sent.some((s) => s.toId === "wxid_demo_yangfan")).toBe(false); // in use, no longer asked

      clock = bj("2027-07-03 20:00");
      expect(await say(P.zhangwei, "/汇报 思想：想带村里年轻人做茶叶电商 工作：合作社新签了两户 学习：党校网课三次", { room: "" })).toBe("收到您的汇报，已存入档案（2027-07）。谢谢！");

      // A week later at 22:00: the reminder waits for 8:00 and skips 张伟.
      clock = bj("2027-07-08 22:00");
      const r2 = await t.app.runJob("cultivation-daily", clock);
      expect(r2.prompts).toBe(0);
      expect(r2.reminders).toBe(r1.prompts! - 1);
      const waiting = await t.prisma.outboxMessage.findMany({ where: { purpose: "report-remind" } });
      expect(waiting.every((m) => m.nextAttemptAt.getTime() === bj("2027-07-09 08:00").getTime())).toBe(true);
      expect(waiting.some((m) => m.conversation === P.zhangwei)).toBe(false);
      const r3 = await t.app.runJob("cultivation-daily", bj("2027-07-09 10:00"));
      expect(r3.reminders).toBe(0); // never twice

      // Organisers see who reported; the text stays on each file.
      const township = await t.prisma.area.findFirstOrThrow({ where: { name: "青山镇" } });
      const { body: who } = await api("GET", `/cultivation/reports?area=${township.id}&period=2027-07`);
      expect(who.items.find((p: any) => p.name === "张伟")).toMatchObject({ reported: true });
      expect(who.items.find((p: any) => p.name === "孙丽")).toMatchObject({ reported: false });
      expect(JSON.stringify(who)).not.toContain("茶叶电商");
    });

    it("reminds a mentor with nothing logged this month, and flags a pair quiet for 60 days to the organiser", async () => {
      clock = bj("2027-08-20 10:00");
      await t.app.runJob("cultivation-daily", clock);
      const mentor = await t.prisma.outboxMessage.findMany({ where: { purpose: "mentor-remind" } });
      expect(mentor.map((m) => m.conversation)).toEqual([P.qsCadre]);
      expect(mentor[0]!.text).toContain("本月还没有记录与张伟、刘强的帮带联系");
      const flag = await t.prisma.outboxMessage.findMany({ where: { purpose: "mentor-flag" } });
      expect(flag.map((m) => m.conversation)).toEqual([P.qsOrganiser]);
      expect(flag[0]!.text).toContain("王书记 — 张伟");
    });

    it("suggests people for a practice post with reasons, logs the practice, and puts the evaluation on the file", async () => {
      clock = bj("2027-08-21 10:00");
      const village = await t.prisma.area.findFirstOrThrow({ where: { name: "石门村" } });
      const post = await api("POST", "/posts", { areaId: village.id, title: "集体经济协管员", supervisor: "石门村党支部书记", startsOn: "2027-09-01", endsOn: "2027-12-31" });
      expect(post.status).toBe(200);
      const { body: suggested } = await api("GET", `/posts/${post.body.id}/suggestions`);
      expect(suggested.items[0]).toEqual({ id: await idOf("陈静"), name: "陈静", reasons: ["就在本地", "有经营方面的特长（养殖合作社）"] });
      expect(suggested.items.find((p: any) => p.name === "李娟").reasons).toEqual(["有经营方面的特长（电商运营）"]);
      const assigned = await api("POST", `/posts/${post.body.id}/assignments`, { candidateId: await idOf("陈静") });
      // Busy on that post until it is evaluated, she is not suggested for another.
      const other = await api("POST", "/posts", { areaId: village.id, title: "村两委班子助理", supervisor: "石门村党支部书记", startsOn: "2027-09-01", endsOn: "2027-12-31" });
      const { body: next } = await api("GET", `/posts/${other.body.id}/suggestions`);
      expect(next.items.map((p: any) => p.name)).not.toContain("陈静");
      expect((await api("POST", `/assignments/${assigned.body.id}/log`, { kind: "meeting", note: "列席村两委会议，讨论合作社分红方案" })).body.log).toHaveLength(1);
      expect((await api("POST", `/assignments/${assigned.body.id}/evaluate`, { evaluation: "excellent", note: "账目清楚，群众满意" })).status).toBe(200);
      const again = await api("POST", `/assignments/${assigned.body.id}/evaluate`, { evaluation: "basic" });
      expect(again).toEqual({ status: 400, body: expect.objectContaining({ error: expect.stringContaining("已经评价过了") }) });
      expect(await say("wxid_demo_chenjing", "/成长")).toContain("实践岗位：集体经济协管员（2027-09-01至2027-12-31），评价：优秀");
    });

    it("plans a training, invites privately after quiet hours, records attendance, and counts the year's study hours", async () => {
      clock = bj("2027-08-21 22:30");
      const township = await t.prisma.area.findFirstOrThrow({ where: { name: "青山镇" } });
      const planned = await api("POST", "/trainings", { areaId: township.id, title: "乡村振兴专题", kind: "party_school", at: "2027-09-05T14:00:00+08:00", hours: 3, place: "镇党校" });
      expect(planned.status).toBe(200);
      expect(planned.body.invited).toBeGreaterThan(5);
      const invites = await t.prisma.outboxMessage.findMany({ where: { purpose: "training-invite" } });
      expect(invites.every((m) => !m.isGroup && m.nextAttemptAt.getTime() === bj("2027-08-22 08:00").getTime())).toBe(true);
      expect(invites.find((m) => m.conversation === P.zhangwei)!.text).toContain("9月5日（周日） 14:00有一场党校培训：乡村振兴专题，地点：镇党校");
      const zhang = await idOf("张伟");
      expect((await api("POST", `/trainings/${planned.body.id}/attendance`, { candidateIds: [zhang] })).body).toEqual({ attended: 1 });
      const notInvited = await api("POST", `/trainings/${planned.body.id}/attendance`, { candidateIds: [await idOf("杨帆")] });
      expect(notInvited.status).toBe(400);
      const hours = await api("GET", `/cultivation/people/${zhang}/study-hours?year=2027`);
      expect(hours.body).toMatchObject({ year: 2027, trainingHours: 3, totalHours: 3 });
      expect(await say(P.zhangwei, "/成长")).toContain("2027年学习时长：约3小时（打卡0小时，参加培训1次3小时）");
    });

    it("gives the quarterly view with reasons and proposals, and warnings per village", async () => {
      clock = bj("2027-08-25 10:00");
      const township = await t.prisma.area.findFirstOrThrow({ where: { name: "青山镇" } });
      const { status, body } = await api("GET", `/cultivation/review?area=${township.id}`);
      expect(status).toBe(200);
      expect(body.quarter).toBe("2027-Q3");
      const zhang = body.people.find((p: any) => p.name === "张伟");
      expect(zhang.reasons).toEqual(expect.arrayContaining(["本季度汇报1次", "尚未参加民主测评"]));
      // 孙丽 has no report and no study in the record for more than three months since the start.
      const sun = body.proposals.find((p: any) => p.name === "孙丽");
      expect(sun.reasons).toEqual(expect.arrayContaining(["三个月以上没有汇报", "90天以上没有学习记录"]));
      expect(Object.values(body.counts).reduce((a: number, b: any) => a + b, 0)).toBe(body.people.length);
      const warnings = await api("GET", `/cultivation/warnings?area=${township.id}`);
      expect(warnings.body.items.length).toBeGreaterThan(0);
    });
  });
});
