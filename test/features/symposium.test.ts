// A whole holiday symposium campaign, Spring Festival 2027, through the real bot on a
// fixed clock: the draft on 腊月初十 told to the organiser alone, the confirmation gate,
// "are you coming home?" in the group and privately, free-text answers and corrections,
// one reminder only to those who had not answered (not in quiet hours), the proposed
// days, the invitation, RSVPs and a change of mind, one RSVP reminder, the reminders to
// those attending, sign-in, minutes, an idea filed against the person who raised it,
// the summary and the API. Bad input gets a Chinese answer and changes nothing.
// On PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BS, P, QS, TestApp, type Reply } from "../support/harness.ts";
import { DB_KINDS, postgresUnavailable, type DbKind } from "../support/databases.ts";

const skipPg = await postgresUnavailable();

const ENV = {
  // Messages carry the test clock's time; none of them is replayed backlog.
  BACKLOG_GRACE_SECONDS: String(100 * 365 * 86_400),
};
const R = {
  yangfan: "wxid_demo_yangfan",
  liuqiang: "wxid_demo_liuqiang",
  chenjing: "wxid_demo_chenjing",
  huanglei: "wxid_demo_huanglei",
  zhoumin: "wxid_demo_zhoumin",
  wuhao: "wxid_demo_wuhao",
  sunli: "wxid_demo_sunli",
} as const;
const QS_RESERVES = [P.lijuan, P.zhangwei, P.wangfang, R.liuqiang, R.chenjing, R.yangfan, R.huanglei, R.zhoumin, R.wuhao, R.sunli];

/** A Beijing wall time as an instant: bj("2027-01-17 09:00"). */
const bj = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);

function session(kind: DbKind) {
  const s = {
    clock: bj("2027-01-10 10:00"),
    t: undefined as unknown as TestApp,
    /** Speak at Beijing wall time `wall`, in a group or privately (room ""). */
    say: async (wall: string, who: string, room: string, text: string, mentions: { id: string; name: string }[] = []) => {
      s.clock = bj(wall);
      return s.t.handle(s.t.chat(who, room, text, { sentAt: s.clock, mentions }));
    },
    ask: async (wall: string, who: string, room: string, text: string, mentions: { id: string; name: string }[] = []) => {
      const replies = await s.say(wall, who, room, text, mentions);
      expect(replies, JSON.stringify(replies)).toHaveLength(1);
      return replies[0]!.text;
    },
    /** Run the steps job at `wall` and deliver what it queued. */
    step: async (wall: string) => {
      s.clock = bj(wall);
      const run = await s.t.app.runJob("symposium-steps", s.clock);
      return { run, sent: await s.t.drainOutbox() };
    },
    api: async (path: string) => {
      const res = await fetch(`${s.t.app.url}/api${path}`);
      return { status: res.status, body: (await res.json()) as any };
    },
  };
  beforeAll(async () => {
    s.t = await TestApp.start({ db: kind, jobs: false, http: true, now: () => s.clock, env: ENV });
  });
  afterAll(async () => {
    await s.t?.stop();
  });
  return s;
}

const privately = (sent: Reply[], wxid: string) => sent.filter((r) => r.toId === wxid).map((r) => r.text);
const recipients = (sent: Reply[]) => [...new Set(sent.filter((r) => r.toId).map((r) => r.toId!))].sort();
const inRoom = (sent: Reply[], room: string) => sent.filter((r) => r.roomId === room).map((r) => r.text);

describe.each(DB_KINDS)("holiday symposium on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "a Spring Festival 2027 campaign from draft to minutes", () => {
    const s = session(kind);
    const invitee = async (name: string) =>
      s.t.prisma.symposiumInvitee.findFirstOrThrow({ where: { candidate: { name } }, orderBy: { campaignId: "desc" } });
    const groupTexts: string[] = [];

    it("makes a draft per township on 腊月初十 and tells only the township organiser, privately", async () => {
      expect((await s.step("2027-01-16 10:00")).run.drafts).toBe(0);
      const { run, sent } = await s.step("2027-01-17 09:00");
      expect(run.drafts).toBe(2);
      expect(recipients(sent)).toEqual([P.bsOrganiser, P.qsOrganiser].sort());
      expect(sent.every((r) => r.roomId === "")).toBe(true);
      expect(privately(sent, P.qsOrganiser)[0]).toContain("青山镇2027年春节共商共谈座谈会已备好草稿：将询问本乡镇10位后备力量");
      expect(privately(sent, P.qsOrganiser)[0]).toContain("/座谈会 开始");
      // A rerun (a restart, a second instance) makes and tells nothing more.
      const again = await s.step("2027-01-17 09:05");
      expect(again.run.drafts).toBe(0);
      expect(again.sent).toEqual([]);
    });

    it("asks nobody before an organiser confirms", async () => {
      const { sent } = await s.step("2027-01-17 09:30");
      expect(sent).toEqual([]);
      expect(await s.ask("2027-01-17 09:40", P.qsOrganiser, QS, "/座谈会 状态")).toContain("草稿，待确认");
    });

    it("an organiser of another township cannot act on this one", async () => {
      const reply = await s.ask("2027-01-17 09:50", P.bsOrganiser, "", "/座谈会 开始 乡镇=青山镇");
      expect(reply).toContain("青山镇不在您的范围内");
      expect((await s.t.prisma.symposiumCampaign.findFirstOrThrow({ where: { township: { name: "青山镇" } } })).state).toBe("draft");
    });

    it("on confirmation asks each reserve in the group with an @-mention and privately", async () => {
      const reply = await s.ask("2027-01-17 10:00", P.qsOrganiser, QS, "/座谈会 开始");
      expect(reply).toContain("已开始青山镇2027年春节共商共谈座谈会：现在在群里和私信询问10位后备力量");
      const sent = await s.t.drainOutbox();
      const group = inRoom(sent, QS);
      expect(group).toHaveLength(1);
      expect(group[0]).toContain("请在群里或私聊告诉我：您什么时候回家、什么时候走");
      expect(recipients(sent)).toEqual([...QS_RESERVES].sort());
      expect(privately(sent, P.lijuan)[0]).toMatch(/^李娟您好！青山镇准备在春节期间开一次共商共谈座谈会/);
      expect(inRoom(sent, BS)).toEqual([]);
    });

    it("a second start, or a second confirmation, is refused and changes nothing", async () => {
      expect(await s.ask("2027-01-17 10:01", P.qsOrganiser, QS, "/座谈会 开始")).toContain("已经开始了");
      expect(await s.ask("2027-01-17 10:02", P.county, "", "/座谈会 开始 乡镇=青山镇")).toContain("已经开始了");
      expect(await s.t.prisma.symposiumCampaign.count({ where: { township: { name: "青山镇" } } })).toBe(1);
      expect(await s.t.drainOutbox()).toEqual([]);
    });

    it("understands free answers in the group and privately, and /回乡 corrects them", async () => {
      expect(await s.ask("2027-01-17 11:00", P.lijuan, QS, "腊月二十六回，初六走")).toContain("收到，已记下：您2月2日（周二，腊月廿六）到家，2月11日（周四，正月初六）走");
      expect(await s.ask("2027-01-17 11:05", P.zhangwei, "", "今年不回了，单位要值班")).toContain("您今年不回家");
      expect(await s.ask("2027-01-17 11:10", P.wangfang, "", "看情况吧")).toContain("还没定");
      expect(await s.ask("2027-01-17 11:15", R.liuqiang, QS, "1.29回 2.13走")).toContain("1月29日");
      expect(await s.ask("2027-01-17 11:20", R.chenjing, "", "年二十八到家，待到元宵节")).toContain("2月4日");
      expect(await s.ask("2027-01-17 11:25", R.huanglei, QS, "2/4-2/9在家")).toContain("2月9日");
      // Ordinary talk in the group is not an answer.
      await s.say("2027-01-17 11:30", R.sunli, QS, "建议村里搞电商直播，把茶叶卖出去");
      expect((await invitee("孙丽")).homeStatus).toBeNull();

      expect(await s.ask("2027-01-17 12:00", P.lijuan, QS, "/回乡 腊月二十五回，初六走")).toContain("已更新：您2月1日");
      expect(await s.ask("2027-01-17 12:01", P.lijuan, QS, "/回乡 随便")).toContain("没看懂“随便”说的是哪几天");

      const li = await invitee("李娟");
      expect({ status: li.homeStatus, from: li.homeFrom, to: li.homeTo }).toEqual({ status: "coming", from: "2027-02-01", to: "2027-02-11" });
      expect((await invitee("张伟")).homeStatus).toBe("not_coming");
      expect((await invitee("王芳")).homeStatus).toBe("unclear");
      expect(await s.t.prisma.auditLog.count({ where: { action: "symposium.home" } })).toBe(7);
    });

    it("reminds once, privately, only those who have not answered — never in quiet hours — and follows up an unsure answer once", async () => {
      expect((await s.step("2027-01-19 10:00")).sent).toEqual([]);
      const night = await s.step("2027-01-20 23:00");
      expect(night.run.quiet).toBe(1);
      expect(night.sent).toEqual([]);
      const { sent } = await s.step("2027-01-21 08:05");
      expect(recipients(sent)).toEqual([P.wangfang, R.yangfan, R.zhoumin, R.wuhao, R.sunli].sort());
      expect(sent.every((r) => r.roomId === "")).toBe(true);
      expect(privately(sent, R.yangfan)[0]).toContain("春节您回家吗？");
      expect(privately(sent, P.wangfang)[0]).toContain("之前您说“看情况吧”");
      expect((await s.step("2027-01-24 10:00")).sent).toEqual([]);
    });

    it("the status shows counts in the group, and who has not answered only privately", async () => {
      const inGroup = await s.ask("2027-01-22 10:00", P.qsOrganiser, QS, "/座谈会 状态");
      expect(inGroup).toContain("邀请10人，已答复6人：回家4人，不回1人，未定1人；未答复4人");
      expect(inGroup).not.toContain("杨帆");
      const alone = await s.ask("2027-01-22 10:01", P.qsOrganiser, "", "/座谈会 状态");
      expect(alone).toContain("尚未答复：杨帆、周敏、吴昊、孙丽");
    });

    it("proposes the three best days with counts and names", async () => {
      const reply = await s.ask("2027-01-22 10:05", P.qsOrganiser, "", "/座谈会 日期");
      expect(reply).toContain("建议日期：");
      expect(reply).toMatch(/1\. 2月\d+日（周.，(腊|正)月.+）.*：4人在家——/);
      expect(reply.split("\n").filter((l) => /^\d\. /.test(l))).toHaveLength(3);
    });

    it("refuses a day outside the season, a bad time and a missing place, in Chinese", async () => {
      expect(await s.ask("2027-01-25 09:00", P.qsOrganiser, QS, "/座谈会 定 2027-03-15 14:00 地点=镇党委会议室")).toContain("3月15日不在春节期间（1月27日至2月20日）");
      expect(await s.ask("2027-01-25 09:01", P.qsOrganiser, QS, "/座谈会 定 2027-02-09 25:00 地点=镇党委会议室")).toContain("“25:00”不是一个时间");
      expect(await s.ask("2027-01-25 09:02", P.qsOrganiser, QS, "/座谈会 定 2027-02-09 14:00")).toContain("请写上地点");
      expect(await s.ask("2027-01-25 09:03", P.qsOrganiser, QS, "/座谈会 飞")).toContain("不认识“飞”这一步");
      expect((await s.t.prisma.symposiumCampaign.findFirstOrThrow({ where: { township: { name: "青山镇" } } })).state).toBe("asking");
    });

    it("invites through the group and privately, leaving alone those not coming home", async () => {
      const reply = await s.ask("2027-01-25 10:00", P.qsOrganiser, QS, "/座谈会 定 2027-02-09 14:00 地点=镇党委会议室 议题=茶叶销路 与 村道修缮");
      expect(reply).toContain("已定：2月9日（周二，正月初四）14:00，地点：镇党委会议室，议题：茶叶销路 与 村道修缮");
      const sent = await s.t.drainOutbox();
      const group = inRoom(sent, QS);
      expect(group).toHaveLength(1);
      expect(group[0]).toContain("【座谈会通知】青山镇2027年春节共商共谈座谈会定于2月9日（周二，正月初四）14:00在镇党委会议室召开");
      groupTexts.push(...group);
      expect(recipients(sent)).toEqual(QS_RESERVES.filter((w) => w !== P.zhangwei).sort());
    });

    it("takes RSVPs in words and by command, and a change of mind", async () => {
      expect(await s.ask("2027-01-25 11:00", P.lijuan, "", "好的我参加")).toContain("已为您报名");
      expect(await s.ask("2027-01-25 11:05", R.liuqiang, QS, "来不了，家里有事")).toContain("已为您请假");
      expect(await s.ask("2027-01-25 11:10", R.chenjing, QS, "/报名")).toContain("报名成功！2月9日");
      expect(await s.ask("2027-01-25 11:15", R.huanglei, QS, "/请假 单位值班")).toContain("已为您请假");
      expect(await s.ask("2027-01-26 09:00", R.huanglei, "", "/报名 可能晚到一会")).toContain("报名成功");
      // "没问题" in the group may answer anyone: not an RSVP.
      await s.say("2027-01-25 11:20", R.sunli, QS, "没问题");
      expect((await invitee("孙丽")).rsvp).toBeNull();
      expect((await invitee("刘强")).rsvpReason).toBe("家里有事");
      expect((await invitee("黄磊")).rsvp).toBe("yes");
    });

    it("reminds once only those who have not answered the invitation", async () => {
      const { sent } = await s.step("2027-01-27 10:05");
      expect(recipients(sent)).toEqual([P.wangfang, R.yangfan, R.zhoumin, R.wuhao, R.sunli].sort());
      expect(privately(sent, R.sunli)[0]).toContain("的座谈会您能来吗？");
      expect(inRoom(sent, QS)).toEqual([]);
      expect((await s.step("2027-01-29 10:05")).sent).toEqual([]);
    });

    it("reminds those attending the day before and two hours before", async () => {
      expect((await s.step("2027-02-08 13:55")).sent).toEqual([]);
      const eve = await s.step("2027-02-08 14:00");
      expect(recipients(eve.sent)).toEqual([P.lijuan, R.chenjing, R.huanglei].sort());
      expect(privately(eve.sent, P.lijuan)[0]).toContain("明天14:00在镇党委会议室开青山镇座谈会");
      expect((await s.step("2027-02-09 08:00")).sent).toEqual([]);
      const soon = await s.step("2027-02-09 12:00");
      expect(recipients(soon.sent)).toEqual([P.lijuan, R.chenjing, R.huanglei].sort());
      expect(privately(soon.sent, R.chenjing)[0]).toContain("座谈会14:00开始，地点：镇党委会议室");
    });

    it("signs people in on the day only, notes latecomers, and lets the organiser mark attendance", async () => {
      expect(await s.ask("2027-02-08 15:00", P.lijuan, QS, "/签到")).toContain("今天没有座谈会：座谈会定在2月9日");
      expect(await s.ask("2027-02-09 13:50", P.lijuan, QS, "/签到")).toContain("签到成功，欢迎参加座谈会");
      expect(await s.ask("2027-02-09 14:30", R.huanglei, "", "/签到")).toContain("会议已经开始了");
      const marked = await s.ask("2027-02-09 14:40", P.qsOrganiser, QS, "/座谈会 签到 陈静 李娟 赵六");
      expect(marked).toContain("已签到1人：陈静");
      expect(marked).toContain("李娟之前已签到");
      expect(marked).toContain("邀请名单里没有：赵六");
      expect(await s.ask("2027-02-09 15:00", P.wangfang, "", "/报名")).toContain("已经开始或结束了");
    });

    it("records minutes over several messages, and files an idea against the person who raised it", async () => {
      expect(await s.ask("2027-02-09 17:00", P.qsOrganiser, "", "/座谈会 纪要 大家谈了茶叶销路和村道修缮。")).toContain("纪要已记录");
      await s.ask("2027-02-09 17:01", P.qsOrganiser, "", "/座谈会 纪要 下一步：镇里对接电商平台，开春修村道。");
      const idea = await s.ask("2027-02-09 17:05", P.qsOrganiser, QS, "/座谈会 建议 @李娟 发展茶叶电商直播，带动村里年轻人", [{ id: P.lijuan, name: "李娟" }]);
      expect(idea).toMatch(/已记为建议 #\d+（李娟提出）/);
      expect(await s.ask("2027-02-09 17:06", P.qsOrganiser, QS, "/座谈会 建议 赵六 修路")).toContain("邀请名单里没有“赵六”");
      const c = await s.t.prisma.symposiumCampaign.findFirstOrThrow({ where: { township: { name: "青山镇" } } });
      expect(c.state).toBe("held");
      expect(c.minutes).toBe("大家谈了茶叶销路和村道修缮。\n下一步：镇里对接电商平台，开春修村道。");
      const item = await s.t.prisma.feedbackItem.findFirstOrThrow({ where: { detectedBy: "symposium" }, include: { candidate: true } });
      expect({ kind: item.kind, status: item.status, who: item.candidate?.name }).toEqual({ kind: "idea", status: "open", who: "李娟" });
    });

    it("sums up per township and for the county", async () => {
      const reply = await s.ask("2027-02-10 10:00", P.county, "", "/座谈会 汇总");
      expect(reply).toContain("2027年春节座谈会汇总：");
      expect(reply).toContain("青山镇（已召开）：邀请10，答复6，回家4，到会3，建议1（已办结0）");
      expect(reply).toContain("白水乡（草稿，待确认）：邀请0");
      expect(reply).toContain("合计2个乡镇");
    });

    it("shows the campaign and each invitee's record over the API", async () => {
      const list = await s.api("/symposiums");
      expect(list.status).toBe(200);
      const qs = list.body.items.find((c: any) => c.township.name === "青山镇");
      expect(qs).toMatchObject({ state: "held", date: "2027-02-09", season: "春节", year: 2027, counts: { invited: 10, answered: 6, attended: 3, ideas: 1 } });
      const one = await s.api(`/symposiums/${qs.id}`);
      const who = (name: string) => one.body.invitees.find((i: any) => i.candidate.name === name);
      expect(who("李娟")).toMatchObject({ home: { status: "coming", from: "2027-02-01", to: "2027-02-11" }, rsvp: { answer: "yes" }, attendance: "present" });
      expect(who("黄磊").attendance).toBe("late");
      expect(who("刘强")).toMatchObject({ rsvp: { answer: "no", reason: "家里有事" }, attendance: "absent_with_leave" });
      expect(who("杨帆")).toMatchObject({ home: { status: null }, attendance: "absent" });
      expect(one.body.minutes).toContain("茶叶销路");
      expect(one.body.ideas).toHaveLength(1);
      expect((await s.api("/symposiums/999999")).status).toBe(404);
      const step = await fetch(`${s.t.app.url}/api/symposiums/steps`, { method: "POST" });
      expect(step.status).toBe(200);
      expect(await step.json()).toMatchObject({ quiet: 0, enqueued: 0 });
      expect((await s.api("/symposiums?state=nope")).status).toBe(400);
    });

    it("after the season, tells the organiser the campaign's summary once, privately", async () => {
      expect((await s.step("2027-02-20 10:00")).run.summaries).toBe(0);
      const { sent } = await s.step("2027-02-21 10:00");
      expect(recipients(sent)).toEqual([P.qsOrganiser]);
      expect(privately(sent, P.qsOrganiser)[0]).toBe(
        "【座谈会小结】青山镇2027年春节共商共谈座谈会（已召开）：邀请10人，答复6人，回家4人，到会3人；会上建议1条，已办结0条。发送 /座谈会 汇总 查看全县情况。",
      );
      expect((await s.step("2027-02-22 10:00")).sent).toEqual([]);
    });

    it("shows the symposium on each invitee's file, in chat and over the API", async () => {
      const li = await s.ask("2027-02-10 10:05", P.lijuan, "", "/档案");
      expect(li).toContain("座谈会 2027年春节（青山镇）：2027-01-17答复：2月1日（周一，腊月廿五）到家，2月11日（周四，正月初六）走；报名：参加；已到会；会上建议1条");
      const yf = await s.ask("2027-02-10 10:06", P.qsOrganiser, "", "/档案 杨帆");
      expect(yf).toContain("座谈会 2027年春节（青山镇）：未答复回乡时间；未到会");
      const id = (await s.t.prisma.candidate.findFirstOrThrow({ where: { name: "刘强" } })).id;
      const file = await s.api(`/candidates/${id}`);
      expect(file.body.symposiums[0]).toMatchObject({ title: "2027年春节（青山镇）", rsvp: "no", attendance: "absent_with_leave", home: { status: "coming", from: "2027-01-29", to: "2027-02-13" } });
    });

    it("never names in a group who has not answered", async () => {
      const groupSays = s.t.sent.filter((r) => r.roomId === QS).map((r) => r.text);
      // The question @-mentions everyone; after it, nothing in the group names the silent ones.
      const afterQuestion = groupSays.slice(groupSays.findIndex((t) => t.includes("请在群里或私聊告诉我")) + 1);
      for (const name of ["杨帆", "周敏", "吴昊"]) expect(afterQuestion.filter((t) => t.includes(name))).toEqual([]);
    });
  });
});

describe.each(DB_KINDS)("symposiums in other seasons on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "summer 2027, then the drafts of Spring Festival 2028 and 2030", () => {
    const s = session(kind);

    it("drafts summer on 6月20日 and runs a short campaign in Gregorian days", async () => {
      expect((await s.step("2027-06-19 10:00")).run.drafts).toBe(0);
      const draft = await s.step("2027-06-20 10:00");
      expect(draft.run.drafts).toBe(2);
      expect(privately(draft.sent, P.bsOrganiser)[0]).toContain("白水乡2027年暑假共商共谈座谈会已备好草稿");

      expect(await s.ask("2027-06-21 10:00", P.bsOrganiser, BS, "/座谈会 开始")).toContain("询问9位后备力量暑假哪天在家");
      const asked = await s.t.drainOutbox();
      expect(privately(asked, "wxid_demo_fengxue")[0]).toContain("7月15号回，8月20号走");

      expect(await s.ask("2027-06-21 11:00", "wxid_demo_fengxue", "", "7月15号回，8月20号走")).toContain("7月15日（周四）到家，8月20日（周五）走");
      expect(await s.ask("2027-06-21 11:05", "wxid_demo_luoxin", BS, "放假就回，待到8月底")).toContain("7月10日");
      expect(await s.ask("2027-06-21 11:10", "wxid_demo_xuting", BS, "/回乡 国庆回")).toContain("没看懂“国庆回”说的是哪几天（暑假期间是7月10日至8月31日）");

      expect(await s.ask("2027-06-22 10:00", P.bsOrganiser, BS, "/座谈会 定 7月20日 下午3点 地点=乡政府会议室")).toContain("已定：7月20日（周二）15:00，地点：乡政府会议室");
      const invited = await s.t.drainOutbox();
      expect(inRoom(invited, BS)[0]).toContain("白水乡2027年暑假共商共谈座谈会定于7月20日（周二）15:00在乡政府会议室召开");
      expect(await s.ask("2027-06-22 11:00", "wxid_demo_fengxue", "", "/报名")).toContain("报名成功");
      expect(await s.ask("2027-07-20 15:05", "wxid_demo_fengxue", BS, "/签到")).toContain("签到成功");
    });

    it("a cancelled symposium takes no RSVP and cannot be started again for the season", async () => {
      expect(await s.ask("2027-06-22 12:00", P.qsOrganiser, QS, "/座谈会 开始")).toContain("已开始青山镇2027年暑假");
      await s.t.drainOutbox();
      expect(await s.ask("2027-06-22 12:05", P.qsOrganiser, QS, "/座谈会 取消")).toContain("已取消青山镇2027年暑假共商共谈座谈会");
      expect(await s.ask("2027-06-22 12:10", P.lijuan, QS, "/报名")).toContain("现在没有邀请您参加的座谈会");
      expect(await s.ask("2027-06-22 12:15", P.qsOrganiser, QS, "/座谈会 开始")).toContain("已经有过了（可能已取消），不能重复开始");
      // Nothing more goes to anyone in that township.
      expect((await s.step("2027-06-28 10:00")).sent.filter((r) => r.roomId === QS || (QS_RESERVES as readonly string[]).includes(r.toId ?? ""))).toEqual([]);
    });

    it("drafts Spring Festival 2028 on 腊月初十 (2028-01-06) and 2030 on 2030-01-13, not a day before", async () => {
      expect((await s.step("2028-01-05 10:00")).run.drafts).toBe(0);
      expect((await s.step("2028-01-06 10:00")).run.drafts).toBe(2);
      expect((await s.step("2030-01-12 10:00")).run.drafts).toBe(0);
      const d = await s.step("2030-01-13 10:00");
      expect(d.run.drafts).toBe(2);
      expect(privately(d.sent, P.qsOrganiser)[0]).toContain("青山镇2030年春节共商共谈座谈会已备好草稿");
    });

    it("two organisers confirming at once: one confirms, the other is told, the questions go once", async () => {
      s.clock = bj("2030-01-13 11:00");
      const [a, b] = await Promise.all([
        s.t.handle(s.t.chat(P.bsOrganiser, BS, "/座谈会 开始", { sentAt: s.clock })),
        s.t.handle(s.t.chat(P.county, "", "/座谈会 开始 乡镇=白水乡", { sentAt: s.clock })),
      ]);
      // Each handle() collects whatever was sent while it ran, so the two lists overlap.
      const replies = [...new Set([...a!, ...b!].map((r) => r.text))];
      expect(replies.filter((t) => t.includes("已开始白水乡2030年春节"))).toHaveLength(1);
      expect(replies.filter((t) => /已经(由其他人确认)?开始了/.test(t))).toHaveLength(1);
      const c = await s.t.prisma.symposiumCampaign.findFirstOrThrow({ where: { township: { name: "白水乡" }, year: 2030 } });
      expect(await s.t.prisma.symposiumInvitee.count({ where: { campaignId: c.id } })).toBe(9);
      expect(await s.t.prisma.outboxMessage.count({ where: { key: { startsWith: `symposium:${c.id}:ask` } } })).toBe(10);
    });

    it("cancelling after the invitations tells the group and those invited, once", async () => {
      await s.t.drainOutbox();
      expect(await s.ask("2030-01-14 10:00", P.bsOrganiser, BS, "/座谈会 定 2030-02-08 14:00 地点=乡政府会议室")).toContain("已定：2月8日（周五，正月初六）14:00");
      const invited = recipients(await s.t.drainOutbox());
      expect(invited).toHaveLength(9);
      const reply = await s.ask("2030-01-15 10:00", P.bsOrganiser, BS, "/座谈会 取消");
      expect(reply).toContain("现在在群里说明，并私信告诉收到邀请的人");
      const sent = await s.t.drainOutbox();
      expect(inRoom(sent, BS)).toEqual(["【座谈会取消】原定2月8日（周五，正月初六）14:00在乡政府会议室召开的白水乡2030年春节共商共谈座谈会取消了，给大家添麻烦了。"]);
      expect(recipients(sent)).toEqual(invited);
      expect((await s.step("2030-01-16 10:00")).sent).toEqual([]);
    });
  });
});
