// Reminders end to end: a cadre sets them up in chat, the job fires them on a
// fixed clock, the outbox sender delivers them to the rooms of the mock WeChat
// world; restarts with the clock past a firing; month-end, year-end and the
// server's own time zone. On PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEDULE_EXAMPLES } from "../../src/domain/schedule/phrase.ts";
import { BS, P, QS, TestApp, YOUTH, until } from "../support/harness.ts";
import { restartableDatabase, DB_KINDS, postgresUnavailable } from "../support/databases.ts";

const skipPg = await postgresUnavailable();

// Sends go out as fast as the sender is stepped: pacing is the outbox tests' business.
const ENV = { OUTBOX_INTERVAL_SECONDS: "0", OUTBOX_JITTER_SECONDS: "0", OUTBOX_CONVERSATION_INTERVAL_SECONDS: "0" };
const QS_TOPIC = "青山镇后备力量联系群";
const BS_TOPIC = "白水乡后备力量联系群";

/** A Beijing wall time as an instant: bj("2026-11-27 20:00"). */
const bj = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const drain = (t: TestApp) => t.drainOutbox();

const scheduleId = (confirmation: string) => Number(/#(\d+)/.exec(confirmation)![1]);

const database = restartableDatabase;

describe.each(DB_KINDS)("reminders on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "set up in chat, fired by the job", () => {
    let clock = bj("2026-11-27 11:00"); // a Friday
    let t: TestApp;
    let drop = async () => {};
    beforeAll(async () => {
      const db = await database(kind);
      drop = db.drop;
      t = await TestApp.start({ ...db.opts, jobs: false, now: () => clock, env: ENV });
    });
    afterAll(async () => {
      await t?.stop();
      await drop();
    });
    const ids = { daily: 0, weekly: 0, monthly: 0, training: 0, cron: 0, county: 0 };
    const fire = async (wall: string) => {
      clock = bj(wall);
      const run = await t.app.runJob("reminders", clock);
      return { run, sent: await drain(t) };
    };
    const outboxFor = (id: number) => t.prisma.outboxMessage.findMany({ where: { key: { startsWith: `reminder:${id}:` } } });

    it("a township organiser sets reminders with plain Chinese times, hears when each fires next in Beijing time, and /提醒 lists them", async () => {
      const daily = await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00");
      expect(daily).toContain("（在线学习）：每天 20:00，发到青山镇后备力量联系群。");
      expect(daily).toContain("下次：11月27日（周五） 20:00");
      expect(daily).toContain(`【学习提醒】${QS_TOPIC}的同志们，今天是11月27日（周五）`);
      ids.daily = scheduleId(daily);

      const weekly = await t.ask(P.qsOrganiser, QS, "/提醒 新增 三会一课 每周一 8:30");
      expect(weekly).toContain("每周一 8:30");
      expect(weekly).toContain("下次：11月30日（周一） 08:30");
      ids.weekly = scheduleId(weekly);

      const monthly = await t.ask(P.qsOrganiser, QS, "/提醒 新增 主题党日 每月1日 9:00 学习新修订的党章");
      expect(monthly).toContain("每月1日 9:00");
      expect(monthly).toContain("下次：12月1日（周二） 09:00");
      expect(monthly).toContain("活动主题：学习新修订的党章");
      ids.monthly = scheduleId(monthly);

      const training = await t.ask(P.qsOrganiser, QS, "/提醒 新增 培训 2027-01-15 14:00 电商直播培训 地点=镇党校三楼");
      expect(training).toContain("（培训）：2027年1月15日（周五）14:00");
      // A training's reminder goes out a day ahead by default.
      expect(training).toContain("下次：1月14日（周四） 14:00（提前1天）");
      expect(training).toContain("1月15日（周五） 14:00有一场培训");
      expect(training).toContain("培训内容：电商直播培训");
      expect(training).toContain("培训地点：镇党校三楼");
      ids.training = scheduleId(training);

      const cron = await t.ask(P.qsOrganiser, QS, "/提醒 新增 0 9 * * 1-5");
      expect(cron).toContain("工作日 9:00");
      expect(cron).toContain("下次：11月30日（周一） 09:00"); // Friday 9:00 has passed
      ids.cron = scheduleId(cron);

      const next = async (id: number) => (await t.prisma.schedule.findUniqueOrThrow({ where: { id } })).nextFiringAt;
      expect(await next(ids.daily)).toEqual(new Date("2026-11-27T12:00:00Z"));
      expect(await next(ids.weekly)).toEqual(new Date("2026-11-30T00:30:00Z"));
      expect(await next(ids.monthly)).toEqual(new Date("2026-12-01T01:00:00Z"));
      expect(await next(ids.training)).toEqual(new Date("2027-01-14T06:00:00Z"));
      expect(await next(ids.cron)).toEqual(new Date("2026-11-30T01:00:00Z"));

      // /提醒 lists them in the group, for reserves too; another group sees none of them.
      const list = await t.ask(P.lijuan, QS, "/提醒");
      expect(list.split("\n")[0]).toBe(`【${QS_TOPIC}的提醒】`);
      expect(list).toContain(`#${ids.daily} 在线学习：每天 20:00，发到${QS_TOPIC}；下次 11月27日（周五） 20:00`);
      expect(list).toContain(`#${ids.weekly} 三会一课：每周一 8:30`);
      expect(list).toContain(`#${ids.training} 培训「电商直播培训」：2027年1月15日（周五）14:00`);
      expect(list).toContain(`#${ids.cron} 其他：工作日 9:00`);
      expect(await t.ask(P.bsOrganiser, BS, "/提醒")).toBe(`${BS_TOPIC}还没有提醒。\n新增：/提醒 新增 在线学习 每天 20:00`);
    });

    it("pause, resume and delete work for the organiser, and are refused to reserves and to a cadre of another township", async () => {
      const id = ids.monthly;
      const status = async () => (await t.prisma.schedule.findUniqueOrThrow({ where: { id } })).status;
      expect(await t.ask(P.lijuan, QS, `/提醒 暂停 #${id}`)).toBe("新增、暂停、恢复、删除提醒须村干部及以上。");
      expect(await t.ask(P.lijuan, QS, `/提醒 删除 #${id}`)).toBe("新增、暂停、恢复、删除提醒须村干部及以上。");
      expect(await t.ask(P.lijuan, QS, "/提醒 新增 每天 7:00")).toBe("新增、暂停、恢复、删除提醒须村干部及以上。");
      const outsider = async (text: string) => {
        const r = await t.sayPrivately(P.bsOrganiser, text);
        expect(r).toHaveLength(1);
        return r[0]!.text;
      };
      expect(await outsider(`/提醒 暂停 #${id}`)).toBe(`提醒 #${id} 不在您分管的范围内。`);
      expect(await outsider(`/提醒 删除 #${id}`)).toBe(`提醒 #${id} 不在您分管的范围内。`);
      expect(await t.ask(P.bsOrganiser, BS, "/提醒 新增 每天 7:00 范围=青山镇")).toBe("您分管的是白水乡，不能给青山镇的各联系群设提醒。");
      expect(await status()).toBe("active");

      expect(await t.ask(P.qsOrganiser, QS, `/提醒 暂停 #${id}`)).toBe(`已暂停提醒 #${id}（每月1日 9:00「学习新修订的党章」）。`);
      expect(await status()).toBe("paused");
      expect(await t.ask(P.lijuan, QS, "/提醒")).toContain(`#${id} 主题党日「学习新修订的党章」：每月1日 9:00，发到${QS_TOPIC}；已暂停`);
      expect(await outsider(`/提醒 恢复 #${id}`)).toBe(`提醒 #${id} 不在您分管的范围内。`);
      expect(await t.ask(P.qsOrganiser, QS, `/提醒 恢复 #${id}`)).toBe(`已恢复提醒 #${id}，下次：12月1日（周二） 09:00。暂停期间错过的不补发。`);
      expect(await status()).toBe("active");
      expect(await t.ask(P.qsOrganiser, QS, `/提醒 删除 #${id}`)).toBe(`已删除提醒 #${id}（每月1日 9:00「学习新修订的党章」）。`);
      expect(await t.ask(P.lijuan, QS, "/提醒")).not.toContain(`#${id} `);
      expect(await t.ask(P.qsOrganiser, QS, `/提醒 恢复 #${id}`)).toBe(`没有编号 #${id} 的提醒。发送 /提醒 查看编号。`);
    });

    it("answers what it cannot use: an unreadable time (with examples), an unknown key, a bad link, a bad template variable, an unknown zone, a place with no group", async () => {
      const before = await t.prisma.schedule.count();
      const unreadable = await t.ask(P.qsOrganiser, QS, "/提醒 新增 下礼拜找个时间开会");
      expect(unreadable).toContain("没看懂“下礼拜找个时间开会”是什么时间");
      expect(unreadable).toContain(`例如：${SCHEDULE_EXAMPLES}`);
      expect(SCHEDULE_EXAMPLES).toContain("每天 20:00、每周一三五 晚上8点");
      expect(unreadable).toContain("用法：/提醒 — 看本群的提醒");
      const hour25 = await t.ask(P.qsOrganiser, QS, "/提醒 新增 每天 25:00");
      expect(hour25).toContain("没有25点，小时要在0到23之间");
      expect(hour25).toContain(`例如：${SCHEDULE_EXAMPLES}`);

      expect(await t.ask(P.qsOrganiser, QS, "/提醒 改时间 #1")).toContain("没有“改时间”这个操作。");
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 toString")).toContain("没有“toString”这个操作。");
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 每天 20:00 颜色=红")).toContain("不认识“颜色”，可以写：主题=、链接=、地点=、范围=、模板=、时区=");
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 每天 20:00 链接=xuexi.cn")).toContain("链接要以 http:// 或 https:// 开头");
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 每天 20:00 模板={群名}开会，地址{地址}")).toContain(
        "模板里的{地址}不是可用的变量，可用的有：{群名}、{日期}、{时间}、{主题}、{链接}、{地点}",
      );
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 每天 20:00 时区=Mars/Olympus")).toContain("时区“Mars/Olympus”不认识，请写成 Asia/Shanghai 这样的名称。");
      // Groups are bound to townships: a village on its own has no group to send to, so no promise is made.
      const village = await t.sayPrivately(P.qsCadre, "/提醒 新增 每天 9:00 范围=青山村");
      expect(village).toEqual([{ roomId: "", toId: P.qsCadre, text: expect.stringContaining("青山村还没有绑定的联系群，这个提醒发不到任何群。") }]);
      expect(await t.prisma.schedule.count()).toBe(before);
    });

    it("at the firing minute the job queues one message and the sender delivers it, filled in; the same minute again sends nothing", async () => {
      const early = await fire("2026-11-27 19:59");
      expect(early.run.enqueued).toBe(0);
      expect(early.sent).toEqual([]);

      const due = await fire("2026-11-27 20:00");
      expect(due.run).toMatchObject({ fired: 1, enqueued: 1 });
      expect(due.sent).toHaveLength(1);
      expect(due.sent[0]!.roomId).toBe(QS);
      expect(due.sent[0]!.text).toBe(
        `【学习提醒】${QS_TOPIC}的同志们，今天是11月27日（周五），别忘了在学习强国、共产党员网上学习一会儿，学完发“/打卡 平台 分钟”记录一下。`,
      );

      clock = new Date(clock.getTime() + 40_000); // 20:00:40, the same minute
      expect(await t.app.runJob("reminders", clock)).toEqual({ fired: 0, skipped: 0, enqueued: 0 });
      expect(await drain(t)).toEqual([]);
      expect(await outboxFor(ids.daily)).toHaveLength(1);
      expect(await t.prisma.schedule.findUniqueOrThrow({ where: { id: ids.daily } })).toMatchObject({
        lastOutcome: "sent",
        lastFiringAt: new Date("2026-11-27T12:00:00Z"),
        nextFiringAt: new Date("2026-11-28T12:00:00Z"),
      });
    });

    it("a county-wide reminder (范围=青溪县) reaches every bound group, each with its own name", async () => {
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 每天 21:00 范围=青溪县")).toBe("您分管的是青山镇，不能给青溪县的各联系群设提醒。");
      const created = await t.ask(P.county, QS, "/提醒 新增 在线学习 每天 21:00 学习二十届四中全会精神 范围=青溪县");
      expect(created).toContain("发到青溪县的各联系群");
      ids.county = scheduleId(created);
      expect(await t.ask(P.zhengyu, BS, "/提醒")).toContain(`#${ids.county} 在线学习「学习二十届四中全会精神」：每天 21:00，发到青溪县各群`);

      const { run, sent } = await fire("2026-11-27 21:00");
      expect(run).toMatchObject({ fired: 1, enqueued: 2 });
      expect(sent.map((s) => s.roomId).sort()).toEqual([BS, QS].sort());
      expect(sent.some((s) => s.roomId === YOUTH)).toBe(false); // not bound to an area
      for (const [room, topic] of [[QS, QS_TOPIC], [BS, BS_TOPIC]] as const) {
        const text = sent.find((s) => s.roomId === room)!.text;
        expect(text).toContain(`【学习提醒】${topic}的同志们，今天是11月27日（周五）`);
        expect(text).toContain("今天推荐：学习二十届四中全会精神");
      }
      expect((await fire("2026-11-27 21:00")).sent).toEqual([]);
    });

    it("a paused reminder does not fire and resuming it does not send what was missed; a one-off fires once and is then finished", async () => {
      const created = await t.ask(P.qsOrganiser, QS, "/提醒 新增 每天 22:00 晚间学习");
      const id = scheduleId(created);
      await t.ask(P.qsOrganiser, QS, `/提醒 暂停 #${id}`);
      expect((await fire("2026-11-27 22:00")).sent).toEqual([]);

      clock = bj("2026-11-27 22:30"); // missed by 30 minutes, well inside the catch-up window
      expect(await t.ask(P.qsOrganiser, QS, `/提醒 恢复 #${id}`)).toContain("下次：11月28日（周六） 22:00");
      expect((await fire("2026-11-27 22:31")).sent).toEqual([]);
      expect(await outboxFor(id)).toEqual([]);
      const { sent } = await fire("2026-11-28 22:00");
      expect(sent.filter((s) => s.text.includes("晚间学习"))).toHaveLength(1);

      // A one-off fires once and is then finished.
      const once = await t.ask(P.qsOrganiser, QS, "/提醒 新增 培训 今天 23:30 电商直播复盘 地点=村部会议室 提前=30分钟");
      expect(once).toContain("下次：11月28日（周六） 23:00（提前30分钟）");
      const onceId = scheduleId(once);
      expect((await fire("2026-11-28 22:59")).sent).toEqual([]);
      const fired = (await fire("2026-11-28 23:00")).sent;
      expect(fired).toHaveLength(1);
      expect(fired[0]!.text).toBe(
        `【培训通知】${QS_TOPIC}的同志们，11月28日（周六） 23:30有一场培训，请提前安排好手头的事，准时参加。\n培训内容：电商直播复盘\n培训地点：村部会议室`,
      );
      expect(await t.prisma.schedule.findUniqueOrThrow({ where: { id: onceId } })).toMatchObject({ status: "finished", nextFiringAt: null, lastOutcome: "sent" });
      expect(await t.ask(P.lijuan, QS, "/提醒")).not.toContain(`#${onceId} `);
      expect(await t.ask(P.qsOrganiser, QS, `/提醒 恢复 #${onceId}`)).toContain(`提醒 #${onceId} 已经结束`);
      expect((await fire("2026-11-29 23:30")).sent.filter((s) => s.text.includes("电商直播复盘"))).toEqual([]);
    });

    it("an every-other-week reminder is stored with its rhythm and keeps it through firing and a pause", async () => {
      clock = bj("2026-11-30 10:00"); // a Monday
      const created = await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 隔周周三晚上8点 党史学习小组");
      expect(created).toContain("每两周的周三 20:00");
      expect(created).toContain("下次：12月2日（周三） 20:00");
      const id = scheduleId(created);
      expect(await t.prisma.schedule.findUniqueOrThrow({ where: { id } })).toMatchObject({ cron: "0 20 * * 3", weekInterval: 2, weekAnchor: "2026-11-30" });
      const ours = (sent: { text: string }[]) => sent.filter((s) => s.text.includes("党史学习小组"));

      expect(ours((await fire("2026-12-02 20:00")).sent)).toHaveLength(1);
      expect((await t.prisma.schedule.findUniqueOrThrow({ where: { id } })).nextFiringAt).toEqual(bj("2026-12-16 20:00"));
      expect(ours((await fire("2026-12-09 20:00")).sent)).toEqual([]);

      // Resumed in an off week, it waits for the next week of its rhythm.
      await t.ask(P.qsOrganiser, QS, `/提醒 暂停 #${id}`);
      clock = bj("2026-12-23 10:00");
      expect(await t.ask(P.qsOrganiser, QS, `/提醒 恢复 #${id}`)).toContain("下次：12月30日（周三） 20:00");
      expect(await t.ask(P.lijuan, QS, "/提醒")).toContain(`#${id} 在线学习「党史学习小组」：每两周的周三 20:00`);
    });
  });

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "a training's reminder goes out ahead of it", () => {
    let t: TestApp;
    let clock = bj("2026-11-27 11:00");
    beforeAll(async () => {
      t = await TestApp.start({ db: kind, jobs: false, now: () => clock, env: ENV });
    });
    afterAll(async () => {
      await t?.stop();
    });

    it("a day ahead by default, or as 提前= says; a default that would fall in the past means the next minute", async () => {
      const dayAhead = await t.ask(P.qsOrganiser, QS, "/提醒 新增 培训 11月30日 9:00 党史专题课 地点=镇党校");
      expect(dayAhead).toContain("下次：11月29日（周日） 09:00（提前1天）");
      const twoHours = await t.ask(P.qsOrganiser, QS, "/提醒 新增 培训 11月30日 15:00 电商实操 提前=两小时");
      expect(twoHours).toContain("下次：11月30日（周一） 13:00（提前2小时）");
      const tonight = await t.ask(P.qsOrganiser, QS, "/提醒 新增 培训 今天 14:00 安全生产培训");
      expect(tonight).toContain("下次：11月27日（周五） 11:01（提前2小时59分钟）");
      // Not a training: fires at the time given.
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 其他 11月30日 9:00 交党费")).toContain("下次：11月30日（周一） 09:00\n");

      clock = bj("2026-11-29 09:00");
      await t.app.runJob("reminders", clock);
      const sent = (await t.drainOutbox()).filter((m) => m.text.includes("党史专题课"));
      expect(sent).toEqual([{ roomId: QS, text: expect.stringContaining("11月30日（周一） 09:00有一场培训") }]);
    });

    it("refuses a lead it cannot use", async () => {
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00 提前=1天")).toContain("提前=只用于一次性的提醒");
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 培训 2027-01-15 14:00 提前=一会儿")).toContain("没看懂提前“一会儿”，可以写 1天、2小时、30分钟");
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 培训 2027-01-15 14:00 提前=365天")).toContain("没看懂提前“365天”");
      expect(await t.ask(P.qsOrganiser, QS, "/提醒 新增 培训 明天 9:00 提前=3天")).toContain("提前3天的话，提醒时间已经过去了");
    });
  });

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "restarts and catch-up", () => {
    let db: Awaited<ReturnType<typeof database>>;
    let daily: number; // 每天 20:00
    let early: number; // 每天 18:00
    beforeAll(async () => {
      db = await database(kind);
      const t = await TestApp.start({ ...db.opts, jobs: false, now: () => bj("2026-11-27 11:00"), env: ENV });
      try {
        daily = scheduleId(await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00"));
        early = scheduleId(await t.ask(P.qsOrganiser, QS, "/提醒 新增 其他 每天 18:00 交学习笔记"));
      } finally {
        await t.stop();
      }
    });
    let current: TestApp | null = null;
    afterAll(async () => {
      await current?.stop();
      await db?.drop();
    });

    // The whole app (node-cron and the sender running) with the clock at `wall`, as after an outage.
    // The weekly study round is kept out of the way: node-cron fires on the real clock.
    const restart = async (wall: string) => (current = await TestApp.start({ ...db.opts, now: () => bj(wall), env: { ...ENV, STUDY_SUMMARY_CRON: "0 3 29 2 *" } }));
    const stop = async () => {
      await current?.stop();
      current = null;
    };
    const runs = async (id: number) =>
      (await current!.prisma.jobRun.findMany({ where: { job: `schedule:${id}` }, orderBy: { slot: "asc" } })).map((r) => ({ slot: r.slot, outcome: r.outcome }));

    it("down over a firing, back 1 hour later: sent late, once; 3 hours late: not sent, and recorded as skipped", async () => {
      const t = await restart("2026-11-27 21:00");
      await until("the late reminder", () => t.sent.some((s) => s.roomId === QS));
      await sleep(300); // the sender loop is running: anything else would come now
      expect(t.sent).toEqual([{ roomId: QS, text: expect.stringContaining(`【学习提醒】${QS_TOPIC}的同志们，今天是11月27日（周五）`) }]);

      const dailyRun = await t.prisma.jobRun.findFirstOrThrow({ where: { job: `schedule:${daily}` } });
      expect(dailyRun).toMatchObject({ slot: bj("2026-11-27 20:00"), outcome: "done", detail: { lateMs: 3_600_000 } });
      const earlyRun = await t.prisma.jobRun.findFirstOrThrow({ where: { job: `schedule:${early}` } });
      expect(earlyRun).toMatchObject({ slot: bj("2026-11-27 18:00"), outcome: "skipped", detail: { reason: "too_late" } });
      expect(await t.prisma.schedule.findUniqueOrThrow({ where: { id: early } })).toMatchObject({
        lastOutcome: "skipped",
        lastFiringAt: bj("2026-11-27 18:00"),
        nextFiringAt: bj("2026-11-28 18:00"),
      });
      expect(await t.prisma.outboxMessage.count({ where: { key: { startsWith: `reminder:${early}:` } } })).toBe(0);
      await stop();
    });

    it("down for three days: of a daily reminder only the latest firing inside the window is sent, the rest recorded as skipped; never sent twice across restarts", async () => {
      const t = await restart("2026-11-30 21:00");
      await until("the late reminder", () => t.sent.some((s) => s.roomId === QS));
      await sleep(300);
      expect(t.sent).toEqual([{ roomId: QS, text: expect.stringContaining("今天是11月30日（周一）") }]);
      expect(await runs(daily)).toEqual([
        { slot: bj("2026-11-27 20:00"), outcome: "done" },
        { slot: bj("2026-11-28 20:00"), outcome: "skipped" },
        { slot: bj("2026-11-29 20:00"), outcome: "skipped" },
        { slot: bj("2026-11-30 20:00"), outcome: "done" },
      ]);
      // 18:00 is three hours back: nothing from it is sent at all.
      expect(await runs(early)).toEqual([
        { slot: bj("2026-11-27 18:00"), outcome: "skipped" },
        { slot: bj("2026-11-28 18:00"), outcome: "skipped" },
        { slot: bj("2026-11-29 18:00"), outcome: "skipped" },
        { slot: bj("2026-11-30 18:00"), outcome: "skipped" },
      ]);
      expect(await t.prisma.schedule.findUniqueOrThrow({ where: { id: early } })).toMatchObject({ lastOutcome: "skipped", nextFiringAt: bj("2026-12-01 18:00") });
      await stop();

      // Started again for the same minutes: nothing is sent twice.
      const again = await restart("2026-11-30 21:05");
      await sleep(500);
      expect(again.sent).toEqual([]);
      expect(await again.prisma.outboxMessage.findMany({ where: { key: { startsWith: "reminder:" } }, select: { key: true, status: true }, orderBy: { id: "asc" } })).toEqual([
        { key: `reminder:${daily}:2026-11-27T12:00:00.000Z:1`, status: "sent" },
        { key: `reminder:${daily}:2026-11-30T12:00:00.000Z:1`, status: "sent" },
      ]);
    });
  });

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "time rules on fixed clocks", () => {
    let clock = bj("2026-12-31 21:00");
    let t: TestApp;
    let drop = async () => {};
    beforeAll(async () => {
      const db = await database(kind);
      drop = db.drop;
      t = await TestApp.start({ ...db.opts, jobs: false, now: () => clock, env: ENV });
    });
    afterAll(async () => {
      await t?.stop();
      await drop();
    });
    const fire = async (at: Date) => {
      clock = at;
      const run = await t.app.runJob("reminders", at);
      return { run, sent: await drain(t) };
    };

    it("year end: a daily 20:00 set at 21:00 on December 31 next fires on January 1 at 20:00", async () => {
      const created = await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00");
      expect(created).toContain("下次：1月1日（周五） 20:00");
      const id = scheduleId(created);
      expect((await t.prisma.schedule.findUniqueOrThrow({ where: { id } })).nextFiringAt).toEqual(new Date("2027-01-01T12:00:00Z"));
      const { sent } = await fire(bj("2027-01-01 20:00"));
      expect(sent).toEqual([{ roomId: QS, text: expect.stringContaining("今天是1月1日（周五）") }]);
      await t.ask(P.qsOrganiser, QS, `/提醒 删除 #${id}`);
    });

    it("the server's own time zone does not matter: firings are Beijing wall times", async () => {
      const saved = process.env.TZ;
      process.env.TZ = "America/New_York";
      try {
        // The runtime really is in New York now, or this test would prove nothing.
        expect(new Date("2027-01-02T12:00:00Z").getHours()).toBe(7);
        clock = bj("2027-01-02 11:00");
        const created = await t.ask(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00");
        expect(created).toContain("下次：1月2日（周六） 20:00");
        const id = scheduleId(created);
        expect((await t.prisma.schedule.findUniqueOrThrow({ where: { id } })).nextFiringAt).toEqual(new Date("2027-01-02T12:00:00Z"));
        expect(await t.ask(P.lijuan, QS, "/提醒")).toContain(`#${id} 在线学习：每天 20:00，发到${QS_TOPIC}；下次 1月2日（周六） 20:00`);
        expect((await fire(bj("2027-01-02 19:59"))).sent).toEqual([]);
        const { sent } = await fire(bj("2027-01-02 20:00"));
        expect(sent).toEqual([{ roomId: QS, text: expect.stringContaining("今天是1月2日（周六）") }]);
        expect((await t.prisma.schedule.findUniqueOrThrow({ where: { id } })).nextFiringAt).toEqual(new Date("2027-01-03T12:00:00Z"));
        await t.ask(P.qsOrganiser, QS, `/提醒 删除 #${id}`);
      } finally {
        if (saved === undefined) delete process.env.TZ;
        else process.env.TZ = saved;
      }
    });

    it("month end: 每月31日 fires on the last day of shorter months (Feb 28, and Feb 29 in a leap year); 每月最后一天 too", async () => {
      clock = bj("2027-01-05 10:00");
      const d31 = await t.ask(P.qsOrganiser, QS, "/提醒 新增 每月31日 9:00 交月度学习报表");
      expect(d31).toContain("每月31日 9:00");
      expect(d31).toContain("下次：1月31日（周日） 09:00");
      const last = await t.ask(P.qsOrganiser, QS, "/提醒 新增 每月最后一天 20:00 月底学习小结");
      expect(last).toContain("每月最后一天 20:00");
      expect(last).toContain("下次：1月31日（周日） 20:00");
      const ids = [scheduleId(d31), scheduleId(last)];

      // Run the job at each firing, on time, through to March 2028.
      for (;;) {
        const pending = await t.prisma.schedule.findMany({ where: { id: { in: ids } }, select: { nextFiringAt: true } });
        const next = Math.min(...pending.map((s) => s.nextFiringAt!.getTime()));
        if (next > bj("2028-03-01 00:00").getTime()) break;
        clock = new Date(next + 5_000);
        await t.app.runJob("reminders", clock);
      }
      const fired = async (id: number) =>
        (await t.prisma.jobRun.findMany({ where: { job: `schedule:${id}` }, orderBy: { slot: "asc" } })).map((r) => {
          expect(r.outcome).toBe("done");
          return r.slot;
        });
      const days = ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-31", "2027-08-31",
        "2027-09-30", "2027-10-31", "2027-11-30", "2027-12-31", "2028-01-31", "2028-02-29"];
      expect(await fired(ids[0]!)).toEqual(days.map((d) => bj(`${d} 09:00`)));
      expect(await fired(ids[1]!)).toEqual(days.map((d) => bj(`${d} 20:00`)));

      // What the group read on the last day of February 2027.
      const feb = await t.prisma.outboxMessage.findFirstOrThrow({ where: { key: `reminder:${ids[0]}:${bj("2027-02-28 09:00").toISOString()}:1` } });
      expect(feb.text).toContain("时间：2月28日（周日） 09:00");
      expect(feb.text).toContain("交月度学习报表");
    });
  });
});
