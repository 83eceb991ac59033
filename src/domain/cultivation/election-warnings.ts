// Warnings before elections: where a village will find no one when its committees
// are re-elected. Plain sentences per village, read by cadres only.
import type { Stage } from "../glossary.ts";

export interface VillagePool {
  villageId: number;
  name: string;
  /** Seats on the village committees, where the county has entered them. */
  seats: number | null;
  /** "2026-03-01": the next election, where entered. */
  nextElection: string | null;
  people: readonly { stage: Stage; gender: "male" | "female" | null; birthYear: number | null; education: string | null }[];
}

export const AGEING_AVERAGE = 45;
export const YOUNG_AGE = 35;
/** Education levels that count as 大专 and above. */
const HIGHER_EDUCATION = /大专|专科|本科|大学|研究生|硕士|博士/;

/** The warnings for one village in `year`; empty when its pool looks sound. */
export function electionWarnings(v: VillagePool, year: number): string[] {
  const pool = v.people.filter((p) => p.stage === "reserve");
  const out: string[] = [];
  if (!pool.length) return ["没有后备力量"];
  if (v.seats !== null && pool.length < v.seats) out.push(`后备力量${pool.length}人，少于“两委”职数${v.seats}人`);
  const ages = pool.filter((p) => p.birthYear).map((p) => year - p.birthYear!);
  if (ages.length) {
    const avg = Math.round(ages.reduce((a, b) => a + b, 0) / ages.length);
    if (avg > AGEING_AVERAGE || !ages.some((a) => a < YOUNG_AGE)) out.push(`后备力量平均年龄${avg}岁${ages.some((a) => a < YOUNG_AGE) ? "" : `，没有${YOUNG_AGE}岁以下的`}`);
  }
  if (!pool.some((p) => p.gender === "female")) out.push("没有女性后备力量");
  if (!pool.some((p) => p.education && HIGHER_EDUCATION.test(p.education))) out.push("没有大专及以上学历的后备力量");
  return out;
}
