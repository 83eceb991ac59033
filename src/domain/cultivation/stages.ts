// The stage rule (育苗、蹲苗、用苗): which moves are allowed, and the evidence each
// requires. Pure: the service gathers the evidence, this decides and says why.
import { STAGE, type Stage } from "../glossary.ts";
import { APPRAISAL_CHOICE, type AppraisalChoice } from "./appraisal.ts";
import { NOTICE_OUTCOME, type NoticeOutcome, type NoticePurpose } from "./notice.ts";

/** What the rule may ask for; the service fills in what exists for the person. */
export interface MoveEvidence {
  /** The latest closed democratic appraisal that included the person, with its verdict on them. */
  appraisal?: { roundId: number; closedAt: Date; verdict: AppraisalChoice | null } | null;
  /** The latest township inspection record (考察: talks and interviews). */
  inspection?: { id: number; at: Date } | null;
  /** The latest public notice for the move's purpose, with its outcome now. */
  notice?: { id: number; purpose: NoticePurpose; outcome: NoticeOutcome } | null;
  /** Sign-offs by other offices (资格联审), when the county asks for them. */
  signOffs?: { office: string; on: string }[];
}

export interface MoveRules {
  /** Offices whose sign-off entry to the pool needs (empty: the county does not ask for 资格联审). */
  jointReviewOffices: readonly string[];
}

export const DEFAULT_RULES: MoveRules = { jointReviewOffices: [] };
/** Offices a county usually asks (纪检监察、公安、法院、信访). */
export const JOINT_REVIEW_OFFICES = ["纪检监察", "公安", "法院", "信访"] as const;

export interface MoveRequest {
  from: Stage;
  to: Stage;
  reason: string;
  /** For a move to 使用: the post (村党组织书记, 村委会委员…). */
  post?: string;
  evidence: MoveEvidence;
}

export type MoveDecision =
  | { ok: true; evidence: Record<string, unknown> }
  | { ok: false; refusal: string };

/** Each allowed move, with what it needs beyond a reason. */
const MOVES: Record<Stage, Stage[]> = {
  prospect: ["trainee", "exited"],
  trainee: ["reserve", "exited"],
  reserve: ["used", "exited"],
  used: ["exited"],
  // Re-entry goes through the same path again, from the start.
  exited: ["prospect"],
};

const PATH = "摸底对象 → 培养对象 → 后备力量 → 使用";
const MIN_REASON = 4;

/**
 * Decide a stage move. Refusals say what is missing and how to get it.
 * `planMove({ from: "trainee", to: "reserve", reason: "…", evidence: {} })` → refused: no appraisal.
 */
export function planMove(req: MoveRequest, rules: MoveRules = DEFAULT_RULES): MoveDecision {
  const { from, to, evidence } = req;
  if (from === to) return no(`已经是${STAGE[to]}，无需调整。`);
  if (!MOVES[from].includes(to)) {
    const next = MOVES[from].map((s) => STAGE[s]).join("或");
    return no(`不能从${STAGE[from]}直接调整为${STAGE[to]}：须按“${PATH}”逐步进行，${STAGE[from]}的下一步只能是${next}。`);
  }
  const reason = req.reason.trim();
  if ([...reason].length < MIN_REASON) return no(`请写明调整理由（至少${MIN_REASON}个字），如：理由=经村党组织研究，列为培养对象。`);

  if (to === "reserve") return toReserve(evidence, rules);
  if (to === "used") return toUse(req);
  return { ok: true, evidence: {} };
}

function toReserve(e: MoveEvidence, rules: MoveRules): MoveDecision {
  const missing: string[] = [];
  if (!e.appraisal) missing.push("尚未完成民主测评（先开一轮测评并结束计票）");
  else if (e.appraisal.verdict === "incompetent") return no(`民主测评（第${e.appraisal.roundId}轮）结果为不称职，不能纳入后备力量。`);
  if (!e.inspection) missing.push("没有乡镇考察记录（谈话、走访情况）");
  const notice = noticeProblem(e.notice, "entry");
  if (notice) missing.push(notice);
  const signed = new Set((e.signOffs ?? []).map((s) => s.office));
  const unsigned = rules.jointReviewOffices.filter((o) => !signed.has(o));
  if (unsigned.length) missing.push(`资格联审尚缺：${unsigned.join("、")}`);
  if (missing.length) return no(`纳入后备力量前还需：${missing.join("；")}。`);
  return {
    ok: true,
    evidence: {
      appraisalRound: e.appraisal!.roundId,
      appraisalVerdict: e.appraisal!.verdict,
      inspection: e.inspection!.id,
      notice: e.notice!.id,
      signOffs: e.signOffs ?? [],
    },
  };
}

function toUse(req: MoveRequest): MoveDecision {
  const missing: string[] = [];
  if (!req.post?.trim()) missing.push("写明任用的岗位（岗位=村委会委员）");
  const notice = noticeProblem(req.evidence.notice, "use");
  if (notice) missing.push(notice);
  if (missing.length) return no(`使用前还需：${missing.join("；")}。`);
  return { ok: true, evidence: { notice: req.evidence.notice!.id, post: req.post!.trim() } };
}

function noticeProblem(n: MoveEvidence["notice"], purpose: NoticePurpose): string | null {
  const what = purpose === "entry" ? "拟纳入后备力量的公示" : "拟使用的公示";
  if (!n || n.purpose !== purpose) return `没有${what}`;
  if (n.outcome === "passed") return null;
  return `${what}（#${n.id}）${NOTICE_OUTCOME[n.outcome]}`;
}

const no = (refusal: string): MoveDecision => ({ ok: false, refusal });

/** The label of a verdict, or "未评" when a person had no votes. */
export const verdictLabel = (v: AppraisalChoice | null) => (v ? APPRAISAL_CHOICE[v] : "未评");
