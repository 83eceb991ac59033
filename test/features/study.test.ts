// Study check-ins end to end: /打卡 in a group through the real bot, and the weekly
// round (group summary, cadre lists, gentle nudges) run on a fixed clock and
// delivered by the outbox sender to the rooms and people of the mock WeChat world.
// On PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BS, P, QS, TestApp, type Reply } from "../support/harness.ts";
import { restartableDatabase, DB_KINDS, postgresUnavailable, type DbKind } from "../support/databases.ts";

const skipPg = await postgresUnavailable();

const ENV = {
  // Sends go out as fast as the sender is stepped: pacing is the outbox tests' business.
  OUTBOX_INTERVAL_SECONDS: "0",
  OUTBOX_JITTER_SECONDS: "0",
  OUTBOX_CONVERSATION_INTERVAL_SECONDS: "0",
  // Check-ins carry fixed send times; without this, a time before the bot's (real)
  // login would be treated as replayed backlog: recorded but not answered.
  BACKLOG_GRACE_SECONDS: String(100 * 365 * 86_400),
};
const QS_TOPIC = "青山镇后备力量联系群";
const BS_TOPIC = "白水乡后备力量联系群";
const USAGE = "用法：/打卡 [平台] [内容] [时长]，例如：/打卡 学习强国 30分钟、/打卡 党校 乡村振兴专题 2小时";
const NUDGE = "最近工作忙吧？有空的时候学一学";
const W = {
  huanglei: "wxid_demo_huanglei",
  sunli: "wxid_demo_sunli",
  chenjing: "wxid_demo_chenjing",
  fengxue: "wxid_demo_fengxue",
} as const;

/** A Beijing wall time as an instant: bj("2026-11-29 20:00"). */
const bj = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);

const drain = (t: TestApp) => t.drainOutbox();

const database = restartableDatabase;

/** One app on its own database with a clock the test moves; `say` sends at the clock's time. */
/** A county that names people in the summary and @-mentions the silent (both off by default; see the last block). */
function session(kind: DbKind, env: Record<string, string> = {}) {
  env = { STUDY_SUMMARY_NAMES: "true", STUDY_NUDGE: "mention", ...env };
  const s = {
    clock: bj("2026-11-27 11:00"), // a Friday
    t: undefined as unknown as TestApp,
    drop: async () => {},
    /** Speak at Beijing wall time `wall` (the clock moves there). */
    say: async (wall: string, who: string, room: string, text: string, opts: { id?: string; mentions?: string[] } = {}) => {
      s.clock = bj(wall);
      return s.t.say(who, room, text, { timestamp: s.clock.getTime(), ...opts });
    },
    ask: async (wall: string, who: string, room: string, text: string) => {
      const replies = await s.say(wall, who, room, text);
      expect(replies).toHaveLength(1);
      return replies[0]!.text;
    },
    /** Run the weekly round for `slot` (Beijing wall time) with the clock there, and deliver it. */
    round: async (slot: string) => {
      s.clock = bj(slot);
      const run = await s.t.app.runJob("study-week", s.clock, s.clock);
      return { run, sent: await drain(s.t) };
    },
  };
  beforeAll(async () => {
    const db = await database(kind);
    s.drop = db.drop;
    s.t = await TestApp.start({ ...db.opts, jobs: false, now: () => s.clock, env: { ...ENV, ...env } });
  });
  afterAll(async () => {
    await s.t?.stop();
    await s.drop();
  });
  return s;
}

const candidateId = async (t: TestApp, name: string) => (await t.prisma.candidate.findFirstOrThrow({ where: { name } })).id;
const inRoom = (sent: Reply[], room: string) => sent.filter((r) => r.roomId === room).map((r) => r.text);
const privately = (sent: Reply[], wxid: string) => sent.filter((r) => r.toId === wxid).map((r) => r.text);

describe.each(DB_KINDS)("study check-ins on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "/打卡 and the weekly round (nudges by @-mention)", () => {
    const s = session(kind);
    const checkins = async (name: string) => s.t.prisma.studyCheckin.findMany({ where: { candidateId: await candidateId(s.t, name) }, orderBy: { id: "asc" } });

    it("/打卡 in its forms records a check-in against the person's record and says which one of the week it is", async () => {
      // Last week, so that 王芳 is among the silent ones with a date.
      expect(await s.ask("2026-11-20 21:00", P.wangfang, QS, "/打卡 学习强国 20分钟")).toContain("这是您本周第1次学习打卡");

      const bare = await s.ask("2026-11-27 11:00", P.lijuan, QS, "/打卡");
      expect(bare).toMatch(/^@李娟\s打卡成功。这是您本周第1次学习打卡，继续加油！$/);
      expect(await s.ask("2026-11-27 11:05", P.lijuan, QS, "/打卡 学习强国 30分钟")).toContain("打卡成功：学习强国，30分钟。这是您本周第2次学习打卡");
      expect(await s.ask("2026-11-27 11:10", P.lijuan, QS, "/打卡 党校 乡村振兴专题 2小时")).toContain("打卡成功：党校，乡村振兴专题，120分钟。这是您本周第3次学习打卡");
      expect(await s.ask("2026-11-27 11:15", P.lijuan, QS, "/打卡 平台=共产党员网 时长=40")).toContain("打卡成功：共产党员网，40分钟。这是您本周第4次学习打卡");

      const qs = await s.t.prisma.liaisonGroup.findFirstOrThrow({ where: { externalId: QS } });
      expect((await checkins("李娟")).map((c) => ({ platform: c.platform, content: c.content, minutes: c.minutes, groupId: c.groupId, at: c.at }))).toEqual([
        { platform: "其他", content: null, minutes: null, groupId: qs.id, at: bj("2026-11-27 11:00") },
        { platform: "学习强国", content: null, minutes: 30, groupId: qs.id, at: bj("2026-11-27 11:05") },
        { platform: "党校", content: "乡村振兴专题", minutes: 120, groupId: qs.id, at: bj("2026-11-27 11:10") },
        { platform: "共产党员网", content: null, minutes: 40, groupId: qs.id, at: bj("2026-11-27 11:15") },
      ]);
    });

    it("a check-in it cannot use gets a clear answer with the usage, and nothing is recorded", async () => {
      const before = await s.t.prisma.studyCheckin.count();
      const zero = await s.ask("2026-11-27 12:00", P.lijuan, QS, "/打卡 学习强国 0分钟");
      expect(zero).toContain("学习时长要在1到600分钟之间");
      expect(zero).toContain(USAGE);
      const long = await s.ask("2026-11-27 12:01", P.lijuan, QS, "/打卡 700分钟");
      expect(long).toContain("学习时长要在1到600分钟之间");
      expect(long).toContain(USAGE);
      const key = await s.ask("2026-11-27 12:02", P.lijuan, QS, "/打卡 学习强国 地点=家里");
      expect(key).toContain("不认识“地点”这一项，可以写平台=、内容=、时长=");
      expect(key).toContain(USAGE);
      expect(await s.t.prisma.studyCheckin.count()).toBe(before);
    });

    it("a /打卡 delivered twice is recorded once and answered once", async () => {
      const first = await s.say("2026-11-28 09:00", P.zhangwei, QS, "/打卡 学习强国 25分钟", { id: "checkin-twice-1" });
      const second = await s.say("2026-11-28 09:00", P.zhangwei, QS, "/打卡 学习强国 25分钟", { id: "checkin-twice-1" });
      expect(first).toHaveLength(1);
      expect(first[0]!.text).toContain("这是您本周第1次学习打卡");
      expect(second).toEqual([]);
      expect(await checkins("张伟")).toHaveLength(1);
    });

    it("a member not yet bound to a record: the check-in is kept on their account, they are told to bind, and binding carries it to their record", async () => {
      const text = await s.ask("2026-11-28 10:00", P.newcomer, QS, "/打卡 学习强国 15分钟");
      expect(text).toContain("打卡成功：学习强国，15分钟。这是您本周第1次学习打卡");
      expect(text).toContain("您还没有绑定档案，绑定后打卡会计入档案（发送 /绑定 绑定码）。");
      const member = await s.t.prisma.chatMember.findFirstOrThrow({ where: { externalId: P.newcomer } });
      expect(await s.t.prisma.studyCheckin.findMany({ where: { memberId: member.id } })).toMatchObject([{ candidateId: null, platform: "学习强国", minutes: 15 }]);

      // Once bound, what they did before counts on their record (the weekly round below names them).
      expect(await s.ask("2026-11-28 10:10", P.qsOrganiser, QS, "/登记 何小军 村=桃源村 类别=大学毕业生 来源=组织推荐 电话=13811112222 性别=男 出生=2000")).toContain("何小军");
      const bound = await s.say("2026-11-28 10:11", P.qsOrganiser, QS, "/绑定 @小何（新人） 何小军", { mentions: [P.newcomer] });
      expect(bound).toEqual([{ roomId: QS, text: expect.stringContaining("绑定到档案") }]);
      expect(await checkins("何小军")).toMatchObject([{ memberId: member.id, platform: "学习强国", minutes: 15 }]);
    });

    it("the Sunday round: a warm summary to each group, to each cadre their own silent people, one gentle @-mention for the silent", async () => {
      await s.ask("2026-11-28 20:00", P.zhengyu, BS, "/打卡 线下学习 村史馆参观");
      const { sent } = await s.round("2026-11-29 20:00");

      // The groups: who studied, in words; no counts.
      const [qsSummary, qsNudge, ...qsMore] = inRoom(sent, QS);
      expect(qsMore).toEqual([]);
      expect(qsSummary).toBe(
        `【学习周报】${QS_TOPIC} 11月23日—11月29日\n学习多次：李娟\n学习过：何小军、张伟\n` +
          "感谢大家的坚持！还没来得及学的同志，有空的时候学一会儿，学完发 /打卡 记一下，我们一起进步！",
      );
      for (const summary of [qsSummary!, ...inRoom(sent, BS).slice(0, 1)]) {
        expect(summary.replace("11月23日—11月29日", "")).not.toMatch(/[0-9０-９]/);
        expect(summary).not.toContain("黄磊");
      }
      expect(inRoom(sent, BS)[0]).toContain(`【学习周报】${BS_TOPIC}`);
      expect(inRoom(sent, BS)[0]).toContain("学习过：郑宇");

      // The cadres, privately: the township organiser hears of the whole group, the village cadre of their village only.
      expect(privately(sent, P.qsOrganiser)).toEqual([
        `【学习情况】${QS_TOPIC}：以下8位同志已7天以上没有学习打卡：` +
          "陈静（还没有打过卡）、黄磊（还没有打过卡）、刘强（还没有打过卡）、孙丽（还没有打过卡）、吴昊（还没有打过卡）、杨帆（还没有打过卡）、周敏（还没有打过卡）、王芳（上次11月20日）。\n" +
          "建议找时间私下问问近况，听听有什么困难，鼓励他们抽空学一学。",
      ]);
      const qsCadre = privately(sent, P.qsCadre);
      expect(qsCadre).toHaveLength(1);
      expect(qsCadre[0]).toContain("以下2位同志已7天以上没有学习打卡：黄磊（还没有打过卡）、孙丽（还没有打过卡）。");
      const bsCadre = privately(sent, P.bsCadre);
      expect(bsCadre).toHaveLength(1);
      expect(bsCadre[0]).toContain("冯雪（还没有打过卡）、高峰（还没有打过卡）、马洁（还没有打过卡）、唐军（还没有打过卡）");
      expect(bsCadre[0]).not.toContain("何平"); // 柳岸村
      expect(privately(sent, P.bsOrganiser)[0]).toContain("以下8位同志");

      // The silent, gently, in the group: one message with an @ for each, none for those who studied.
      expect(qsNudge).toContain(NUDGE);
      for (const name of ["黄磊", "孙丽", "陈静", "王芳", "周敏"]) expect(qsNudge).toContain(`@${name}`);
      for (const name of ["李娟", "张伟", "小何", "何小军"]) expect(qsNudge).not.toContain(`@${name}`);
      expect(inRoom(sent, BS).filter((text) => text.includes(NUDGE))).toHaveLength(1);
      // Nothing else: the silent are not also written to privately.
      expect(sent.filter((r) => r.toId && r.text.includes(NUDGE))).toEqual([]);
    });

    it("nobody is nudged twice in a week, whether the round runs again or a second slot comes; the next week they may be", async () => {
      expect(await s.round("2026-11-29 20:00")).toEqual({ run: { enqueued: 0 }, sent: [] });
      expect(await s.round("2026-11-30 08:00")).toEqual({ run: { enqueued: 0 }, sent: [] }); // Monday morning: still last week's round

      await s.ask("2026-12-02 21:00", P.zhangwei, QS, "/打卡 学习强国 30分钟");
      const { sent } = await s.round("2026-12-06 20:00");
      const nudges = inRoom(sent, QS).filter((text) => text.includes(NUDGE));
      expect(nudges).toHaveLength(1);
      expect(nudges[0]).toContain("@黄磊");
      expect(nudges[0]).toContain("@李娟"); // silent since November 27
      expect(nudges[0]).not.toContain("@张伟");
      expect(inRoom(sent, QS)[0]).toContain("【学习周报】青山镇后备力量联系群 11月30日—12月6日");
    });
  });

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "nudges in private (STUDY_NUDGE=private)", () => {
    const s = session(kind, { STUDY_NUDGE: "private" });

    it("the silent each get one private message, and a rerun sends none again", async () => {
      await s.ask("2026-11-27 11:00", P.lijuan, QS, "/打卡 学习强国 30分钟");
      const { sent } = await s.round("2026-11-29 20:00");
      expect(privately(sent, W.huanglei)).toEqual([`黄磊同志，你好！${NUDGE}，学完发 /打卡 记一下。有什么困难随时跟我们说，大家一起进步。`]);
      for (const who of [W.sunli, W.chenjing, W.fengxue]) expect(privately(sent, who)).toHaveLength(1);
      expect(privately(sent, P.lijuan)).toEqual([]);
      expect(sent.filter((r) => r.roomId && r.text.includes(NUDGE))).toEqual([]);
      expect(inRoom(sent, QS)).toHaveLength(1); // the summary
      expect(privately(sent, P.qsOrganiser)).toHaveLength(1); // the cadre list

      expect((await s.round("2026-11-29 21:00")).sent).toEqual([]);
    });
  });

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "no nudges (STUDY_NUDGE=off)", () => {
    const s = session(kind, { STUDY_NUDGE: "off" });

    it("sends the summary and the cadre lists, and no nudge to anyone", async () => {
      await s.ask("2026-11-27 11:00", P.lijuan, QS, "/打卡 学习强国 30分钟");
      const { sent } = await s.round("2026-11-29 20:00");
      expect(sent.filter((r) => r.text.includes(NUDGE))).toEqual([]);
      expect(inRoom(sent, QS)).toEqual([expect.stringContaining("学习过：李娟")]);
      expect(inRoom(sent, BS)).toEqual([expect.stringContaining("这一周大家都忙，还没看到学习打卡")]);
      expect(privately(sent, P.qsOrganiser)).toEqual([expect.stringContaining("以下9位同志已7天以上没有学习打卡")]);
      expect(await s.t.prisma.studyNudge.count()).toBe(0);
    });
  });
  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "by default: a light touch", () => {
    const s = session(kind, { STUDY_SUMMARY_NAMES: "false", STUDY_NUDGE: "private" });

    it("tells the group how many studied, not who; the silent hear privately; cadres still get the names privately", async () => {
      expect(s.t.app.config.study).toMatchObject({ summaryNames: false, nudge: "private" });
      await s.ask("2026-11-27 11:00", P.lijuan, QS, "/打卡 学习强国 30分钟");
      await s.ask("2026-11-27 12:00", P.zhangwei, QS, "/打卡 学习强国 20分钟");
      await s.ask("2026-11-28 12:00", P.zhangwei, QS, "/打卡 党校 2小时");
      const { sent } = await s.round("2026-11-29 20:00");
      const [summary, ...more] = inRoom(sent, QS);
      expect(more).toEqual([]);
      expect(summary).toBe(
        `【学习周报】${QS_TOPIC} 11月23日—11月29日\n本周有2位同志学习打卡（学习多次1位、学习过1位）。\n` +
          "感谢大家的坚持！还没来得及学的同志，有空的时候学一会儿，学完发 /打卡 记一下，我们一起进步！",
      );
      for (const name of ["李娟", "张伟", "黄磊"]) expect(summary).not.toContain(name);
      expect(privately(sent, W.huanglei)).toHaveLength(1);
      expect(privately(sent, P.qsOrganiser)[0]).toContain("黄磊（还没有打过卡）");
    });
  });
});
