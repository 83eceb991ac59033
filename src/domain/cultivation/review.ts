// The quarterly review (研判晾晒、动态调整): for each person a plain readiness level
// with the reasons behind it, never a bare score, and proposals for adjustment
// that a person then decides on.
import { DAY_MS } from "../zoned-time.ts";
import type { Stage } from "../glossary.ts";
import { APPRAISAL_CHOICE, type AppraisalChoice } from "./appraisal.ts";

export const READINESS = { mature: "成熟", growing: "培养中", attention: "需关注" } as const;
export type Readiness = keyof typeof READINESS;

/** What the review reads about one person, over the quarter unless named otherwise. */
export interface ReviewFacts {
  candidateId: number;
  name: string;
  stage: Stage;
  /** When the person entered their current stage (or were registered). */
  since: Date;
  messages: number;
  feedback: number;
  /** Feedback and ideas cadres answered (the schema has no 采纳 mark yet). */
  answered: number;
  studyMinutes: number;
  lastStudyAt: Date | null;
  reports: number;
  lastReportAt: Date | null;
  mentorContacts: number;
  /** Supervisors' evaluations of practice posts ended in the quarter. */
  postEvaluations: readonly AppraisalChoice[];
  /** The latest appraisal verdict, if any. */
  appraisal: AppraisalChoice | null;
}

export interface ReviewResult {
  candidateId: number;
  name: string;
  level: Readiness;
  reasons: string[];
  /** Reasons to propose adjustment (调整退出); empty when none. */
  adjust: string[];
}

const NO_REPORT_DAYS = 92; // three months
const NO_STUDY_DAYS = 90;

/**
 * Review one person at `now`. Adjustment is proposed for no report in three
 * months, no study in 90 days, or an appraisal of 不称职 — but the first two only
 * once the person has been in their stage that long. 成熟 needs a good appraisal,
 * steady reports and study, and something shown in practice (a post evaluated well, or an idea answered).
 */
export function reviewPerson(f: ReviewFacts, now: Date): ReviewResult {
  const days = (d: Date | null) => (d ? Math.floor((now.getTime() - d.getTime()) / DAY_MS) : Infinity);
  const tenure = days(f.since);
  const adjust: string[] = [];
  if (days(f.lastReportAt) > NO_REPORT_DAYS && tenure > NO_REPORT_DAYS) adjust.push(f.lastReportAt ? `${days(f.lastReportAt)}天没有汇报` : "三个月以上没有汇报");
  if (days(f.lastStudyAt) > NO_STUDY_DAYS && tenure > NO_STUDY_DAYS) adjust.push(f.lastStudyAt ? `${days(f.lastStudyAt)}天没有学习记录` : "90天以上没有学习记录");
  if (f.appraisal === "incompetent") adjust.push("最近一次民主测评为不称职");

  const reasons: string[] = [];
  reasons.push(f.appraisal ? `民主测评：${APPRAISAL_CHOICE[f.appraisal]}` : "尚未参加民主测评");
  reasons.push(f.reports ? `本季度汇报${f.reports}次` : "本季度没有汇报");
  reasons.push(f.studyMinutes ? `本季度学习约${Math.round(f.studyMinutes / 60)}小时` : "本季度没有学习时长记录");
  reasons.push(f.mentorContacts ? `帮带联系${f.mentorContacts}次` : "本季度没有帮带记录");
  if (f.feedback) reasons.push(`提出意见建议${f.feedback}条${f.answered ? `，已答复${f.answered}条` : ""}`);
  if (f.messages) reasons.push(`群内发言${f.messages}条`);
  const goodPosts = f.postEvaluations.filter((e) => e === "excellent" || e === "competent").length;
  if (f.postEvaluations.length) reasons.push(`实践岗位评价：${f.postEvaluations.map((e) => APPRAISAL_CHOICE[e]).join("、")}`);

  let level: Readiness = "growing";
  if (adjust.length) level = "attention";
  else if (
    (f.stage === "reserve" || f.stage === "used") &&
    (f.appraisal === "excellent" || f.appraisal === "competent") &&
    f.reports >= 2 &&
    f.studyMinutes > 0 &&
    (goodPosts > 0 || f.answered > 0)
  ) {
    level = "mature";
  }
  return { candidateId: f.candidateId, name: f.name, level, reasons: adjust.length ? [...adjust, ...reasons] : reasons, adjust };
}

/** Counts per level, for a township's quarterly view (no ranking of people). */
export function reviewCounts(results: readonly ReviewResult[]): Record<Readiness, number> {
  const out: Record<Readiness, number> = { mature: 0, growing: 0, attention: 0 };
  for (const r of results) out[r.level]++;
  return out;
}
