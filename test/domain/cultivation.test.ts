// The cultivation rules alone, on a fixed clock: stage moves and their evidence,
// the appraisal tally, the notice period and outcome, the quarterly review,
// warnings before elections, quiet hours.
import { describe, expect, it } from "vitest";
import { checkBallot, codeFromBytes, normaliseCode, tally, verdictOf } from "../../src/domain/cultivation/appraisal.ts";
import { electionWarnings } from "../../src/domain/cultivation/election-warnings.ts";
import { periodLabel, quarterKey } from "../../src/domain/cultivation/light-touch.ts";
import { inQuietHours, parseQuietHours, sendableAt } from "../../src/domain/quiet-hours.ts";
import { mentorTags, stalePairs } from "../../src/domain/cultivation/mentoring.ts";
import { endRefusal, noticeEndsAt, noticeOutcome, noticePeriod, noticeText } from "../../src/domain/cultivation/notice.ts";
import { reviewPerson, type ReviewFacts } from "../../src/domain/cultivation/review.ts";
import { planMove, type MoveEvidence } from "../../src/domain/cultivation/stages.ts";
import { SHIPPED_HOLIDAY_DATA } from "../../src/domain/holidays/holiday-data.ts";

const bj = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);
const NOW = bj("2026-11-30 10:00");
const full: MoveEvidence = {
  appraisal: { roundId: 3, closedAt: bj("2026-10-10 12:00"), verdict: "competent" },
  inspection: { id: 7, at: bj("2026-10-12 09:00") },
  notice: { id: 4, purpose: "entry", outcome: "passed" },
};

describe("stage moves", () => {
  it("lets a prospect become a trainee with a reason, and refuses without one", () => {
    expect(planMove({ from: "prospect", to: "trainee", reason: "经村党组织研究列为培养对象", evidence: {} }).ok).toBe(true);
    const r = planMove({ from: "prospect", to: "trainee", reason: "好", evidence: {} });
    expect(r).toEqual({ ok: false, refusal: expect.stringContaining("请写明调整理由") });
  });

  it("refuses skipping a stage and names the path", () => {
    const r = planMove({ from: "prospect", to: "reserve", reason: "表现突出直接纳入", evidence: full });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal).toContain("不能从摸底对象直接调整为后备力量");
  });

  it("requires appraisal, inspection and a notice that passed for entry to the pool, listing all that is missing", () => {
    const r = planMove({ from: "trainee", to: "reserve", reason: "测评考察公示均已完成", evidence: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.refusal).toContain("尚未完成民主测评");
      expect(r.refusal).toContain("没有乡镇考察记录");
      expect(r.refusal).toContain("没有拟纳入后备力量的公示");
    }
    const running = planMove({ from: "trainee", to: "reserve", reason: "测评考察公示均已完成", evidence: { ...full, notice: { id: 4, purpose: "entry", outcome: "running" } } });
    expect(running.ok ? "" : running.refusal).toContain("公示（#4）尚在公示期内");
    const ok = planMove({ from: "trainee", to: "reserve", reason: "测评考察公示均已完成", evidence: full });
    expect(ok).toEqual({ ok: true, evidence: expect.objectContaining({ appraisalRound: 3, inspection: 7, notice: 4 }) });
  });

  it("refuses entry after an appraisal of 不称职, and asks for joint review where the county wants it", () => {
    const bad = planMove({ from: "trainee", to: "reserve", reason: "测评考察公示均已完成", evidence: { ...full, appraisal: { roundId: 3, closedAt: NOW, verdict: "incompetent" } } });
    expect(bad.ok ? "" : bad.refusal).toContain("不称职");
    const rules = { jointReviewOffices: ["纪检监察", "公安"] };
    const r = planMove({ from: "trainee", to: "reserve", reason: "测评考察公示均已完成", evidence: { ...full, signOffs: [{ office: "公安", on: "2026-10-11" }] } }, rules);
    expect(r.ok ? "" : r.refusal).toContain("资格联审尚缺：纪检监察");
  });

  it("needs a post and a use notice to move to 使用; exit from anywhere; re-entry from the start", () => {
    const use = planMove({ from: "reserve", to: "used", reason: "换届选举当选", evidence: { notice: { id: 9, purpose: "use", outcome: "passed" } } });
    expect(use.ok ? "" : use.refusal).toContain("岗位");
    expect(planMove({ from: "reserve", to: "used", reason: "换届选举当选", post: "村委会委员", evidence: { notice: { id: 9, purpose: "use", outcome: "passed" } } }).ok).toBe(true);
    expect(planMove({ from: "trainee", to: "exited", reason: "本人外出务工无法参加", evidence: {} }).ok).toBe(true);
    expect(planMove({ from: "exited", to: "prospect", reason: "返乡后本人申请重新纳入", evidence: {} }).ok).toBe(true);
    expect(planMove({ from: "exited", to: "trainee", reason: "返乡后本人申请重新纳入", evidence: {} }).ok).toBe(false);
  });
});

describe("appraisal", () => {
  const subjects = [{ candidateId: 1, name: "李娟" }, { candidateId: 2, name: "张伟" }];

  it("reads codes as typed, and makes codes only of unambiguous characters", () => {
    expect(normaliseCode(" ab3d-ef7h ")).toBe("AB3DEF7H");
    expect(normaliseCode("AB0DEF7H")).toBeNull(); // 0 is not used
    expect(normaliseCode("AB3")).toBeNull();
    expect(codeFromBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7]))).toBe("23456789");
  });

  it("takes a mark per person by code or label, refusing people not on the round and empty ballots", () => {
    expect(checkBallot(subjects, { 1: "优秀", 2: "basic" })).toEqual({ ok: true, marks: [{ candidateId: 1, choice: "excellent" }, { candidateId: 2, choice: "basic" }] });
    expect(checkBallot(subjects, { 3: "优秀" })).toEqual({ ok: false, problem: expect.stringContaining("不在本轮测评名单") });
    expect(checkBallot(subjects, { 1: "很好" })).toEqual({ ok: false, problem: expect.stringContaining("不是可选的等次") });
    expect(checkBallot(subjects, {})).toEqual({ ok: false, problem: expect.stringContaining("空的") });
  });

  it("gives verdicts by the written rule and shares per person", () => {
    expect(verdictOf({ excellent: 5, competent: 3, basic: 1, incompetent: 1 })).toBe("excellent");
    expect(verdictOf({ excellent: 2, competent: 4, basic: 3, incompetent: 1 })).toBe("competent");
    expect(verdictOf({ excellent: 1, competent: 1, basic: 5, incompetent: 3 })).toBe("basic");
    expect(verdictOf({ excellent: 3, competent: 2, basic: 0, incompetent: 4 })).toBe("incompetent");
    expect(verdictOf({ excellent: 0, competent: 0, basic: 0, incompetent: 0 })).toBeNull();
    const t = tally(subjects, [{ candidateId: 1, choice: "excellent", count: 6 }, { candidateId: 1, choice: "competent", count: 4 }], { issued: 20, used: 10 });
    expect(t.participation).toBe(50);
    expect(t.people[0]).toMatchObject({ votes: 10, shares: { excellent: 60, competent: 40, basic: 0, incompetent: 0 }, verdict: "excellent" });
    expect(t.people[1]).toMatchObject({ votes: 0, verdict: null });
  });
});

describe("public notice", () => {
  it("runs five working days after posting where the holiday file covers it, across 国庆", () => {
    expect(noticePeriod("2026-09-28", 5, SHIPPED_HOLIDAY_DATA)).toEqual({ lastDay: "2026-10-10", workingDays: true });
    expect(noticePeriod("2031-03-03", 5, SHIPPED_HOLIDAY_DATA)).toEqual({ lastDay: "2031-03-08", workingDays: false });
    expect(noticeEndsAt("2026-10-10").toISOString()).toBe("2026-10-10T16:00:00.000Z");
  });

  it("is passed only when the period is over with every objection handled and none upheld", () => {
    const endsAt = bj("2026-12-05 00:00");
    expect(noticeOutcome({ endsAt, objections: [] }, NOW)).toBe("running");
    expect(noticeOutcome({ endsAt, objections: [] }, bj("2026-12-05 00:00"))).toBe("passed");
    expect(noticeOutcome({ endsAt, objections: [{ resolvedAt: null, upheld: null }] }, bj("2026-12-06 09:00"))).toBe("objection_pending");
    expect(noticeOutcome({ endsAt, objections: [{ resolvedAt: NOW, upheld: false }] }, bj("2026-12-06 09:00"))).toBe("passed");
    expect(noticeOutcome({ endsAt, objections: [{ resolvedAt: NOW, upheld: true }] }, NOW)).toBe("objection_upheld");
    expect(endRefusal({ endsAt }, NOW)).toContain("公示期到2026-12-04止");
    expect(endRefusal({ endsAt }, bj("2026-12-05 08:00"))).toBeNull();
  });

  it("writes the notice with the people, the period and where to object", () => {
    const text = noticeText({
      purpose: "entry", township: "青山镇", village: "青山村", posted: "2026-11-30", lastDay: "2026-12-07", workingDays: true, days: 5, contact: "0571-1234567",
      people: [{ name: "李娟", gender: "女", birthYear: 1998, education: "本科" }],
    });
    expect(text).toContain("青山村村级后备力量人选公示");
    expect(text).toContain("1. 李娟，女，1998年生，本科");
    expect(text).toContain("公示期为2026.11.30至2026.12.07（5个工作日");
    expect(text).toContain("联系电话：0571-1234567");
  });
});

describe("quarterly review", () => {
  const base: ReviewFacts = {
    candidateId: 1, name: "李娟", stage: "reserve", since: bj("2025-06-01 00:00"),
    messages: 40, feedback: 3, answered: 1, studyMinutes: 900, lastStudyAt: bj("2026-11-20 20:00"),
    reports: 3, lastReportAt: bj("2026-11-02 20:00"), mentorContacts: 2, postEvaluations: ["competent"], appraisal: "excellent",
  };

  it("calls someone 成熟 with the reasons listed", () => {
    const r = reviewPerson(base, NOW);
    expect(r.level).toBe("mature");
    expect(r.reasons).toEqual(expect.arrayContaining(["民主测评：优秀", "本季度汇报3次", "本季度学习约15小时", "提出意见建议3条，已答复1条"]));
    expect(r.adjust).toEqual([]);
  });

  it("proposes adjustment for no report in three months, no study in 90 days, or 不称职, naming each", () => {
    const r = reviewPerson({ ...base, reports: 0, lastReportAt: bj("2026-07-01 10:00"), studyMinutes: 0, lastStudyAt: null, appraisal: "incompetent" }, NOW);
    expect(r.level).toBe("attention");
    expect(r.adjust).toEqual(["152天没有汇报", "90天以上没有学习记录", "最近一次民主测评为不称职"]);
  });

  it("does not hold the silence of a newcomer against them", () => {
    const r = reviewPerson({ ...base, stage: "trainee", since: bj("2026-10-01 00:00"), reports: 0, lastReportAt: null, studyMinutes: 0, lastStudyAt: null, appraisal: null }, NOW);
    expect(r.level).toBe("growing");
    expect(r.reasons).toContain("尚未参加民主测评");
  });
});

describe("warnings before elections", () => {
  const p = (birthYear: number, gender: "male" | "female", education: string) => ({ stage: "reserve" as const, birthYear, gender, education });
  it("names an empty pool, too few for the seats, an ageing pool, no women, no higher education", () => {
    expect(electionWarnings({ villageId: 1, name: "石门村", seats: 5, nextElection: null, people: [] }, 2026)).toEqual(["没有后备力量"]);
    expect(electionWarnings({ villageId: 1, name: "石门村", seats: 5, nextElection: null, people: [p(1970, "male", "初中"), p(1975, "male", "高中")] }, 2026)).toEqual([
      "后备力量2人，少于“两委”职数5人",
      "后备力量平均年龄54岁，没有35岁以下的",
      "没有女性后备力量",
      "没有大专及以上学历的后备力量",
    ]);
    expect(electionWarnings({ villageId: 1, name: "青山村", seats: 2, nextElection: null, people: [p(1998, "female", "本科"), p(1990, "male", "高中")] }, 2026)).toEqual([]);
  });
});

describe("light touch", () => {
  it("keeps quiet hours (default 21:30–8:00 Beijing) and says when a reminder may go", () => {
    expect(inQuietHours(bj("2026-11-30 21:29"))).toBe(false);
    expect(inQuietHours(bj("2026-11-30 21:30"))).toBe(true);
    expect(inQuietHours(bj("2026-12-01 07:59"))).toBe(true);
    expect(sendableAt(bj("2026-11-30 22:40")).toISOString()).toBe(bj("2026-12-01 08:00").toISOString());
    expect(sendableAt(bj("2026-12-01 06:00")).toISOString()).toBe(bj("2026-12-01 08:00").toISOString());
    expect(sendableAt(NOW)).toBe(NOW);
    expect(parseQuietHours("22:00-07:30")).toEqual({ start: 1320, end: 450 });
    expect(parseQuietHours("25:00-07:30")).toBeNull();
  });

  it("names periods for reports", () => {
    expect(quarterKey(bj("2026-12-31 23:00"))).toBe("2026-Q4");
    expect(periodLabel("2026-Q4")).toBe("2026年第四季度");
    expect(periodLabel("2026-03")).toBe("2026年3月");
  });
});

describe("mentoring", () => {
  it("reads tags from a note and flags pairs quiet for 60 days", () => {
    expect(mentorTags("谈了合作社的想法 #经验 #方法")).toEqual(["experience", "method"]);
    expect(mentorTags("政治上帮：一起学习二十届四中全会精神")).toEqual(["political"]);
    const pairs = [
      { id: 1, startedAt: bj("2026-08-01 00:00"), lastContactAt: bj("2026-10-15 10:00") },
      { id: 2, startedAt: bj("2026-08-01 00:00"), lastContactAt: null },
    ];
    expect(stalePairs(pairs, NOW).map((p) => p.id)).toEqual([2]);
  });
});
