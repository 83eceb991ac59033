// What an import would do with each survey row, given what the database holds: create
// a candidate, update one, skip one already up to date, or refuse the row. The database
// is behind a lookup the caller injects, so the rules are tested without one.
import { areaContains } from "../../domain/area.ts";
import type { SurveyRow } from "../../domain/survey/read-survey.ts";
import type { SurveyValues } from "../../domain/survey/normalise-row.ts";
import type { VillageRef } from "../../domain/survey/village-match.ts";

export type { VillageRef } from "../../domain/survey/village-match.ts";

/** The candidate fields an import writes: the survey's values less the place names, which became a village. */
export type CandidateData = Omit<SurveyValues, "township" | "village"> & { name: string };

export interface ExistingCandidate extends Partial<Record<Exclude<keyof CandidateData, "name">, unknown>> {
  id: number;
  name: string;
  villageId: number;
  /** The village's area path, for the scope check. */
  villagePath: string;
  idNumber?: string | null;
}

export interface SurveyLookup {
  /** Villages of the county that `name` may mean, narrowed to `township` when given (see matchVillages). */
  findVillage(name: string, township?: string): Promise<VillageRef[]> | VillageRef[];
  /** A candidate already registered with this ID number, or this name in this village. */
  findExisting(key: { idNumber: string } | { name: string; villageId: number }): Promise<ExistingCandidate | null> | ExistingCandidate | null;
}

export interface FieldChange {
  field: keyof CandidateData | "villageId";
  from: unknown;
  to: unknown;
}

export type SurveyFate =
  | { row: number; fate: "create"; village: VillageRef; data: CandidateData; warnings: string[] }
  | { row: number; fate: "update"; village: VillageRef; candidateId: number; changes: FieldChange[]; warnings: string[] }
  | { row: number; fate: "skip"; candidateId: number; reason: string }
  | { row: number; fate: "error"; errors: string[] };

const FIELDS: (keyof CandidateData)[] = [
  "name", "gender", "birthYear", "birthMonth", "idNumber", "phone", "education", "politicalStatus",
  "category", "source", "specialties", "currentPlace", "notes",
];

/**
 * Decide each row's fate inside `scope` (the importer's area). Rows the reader already
 * refused stay refused; a row's village must be found once, inside the scope; an ID
 * number finds the person first, then name and village. An update only fills or changes
 * what the sheet states: an empty cell never clears a field.
 *
 * `await decideFates(reading, lookup, { name: "青山镇", path: "/1/2/" })`
 */
export async function decideFates(
  reading: { rows: SurveyRow[]; townshipHint?: string },
  lookup: SurveyLookup,
  scope: { name: string; path: string },
): Promise<SurveyFate[]> {
  const fates: SurveyFate[] = [];
  const claimed = new Map<number, number>(); // candidate id → row that claimed it
  for (const row of reading.rows) {
    const at = `第${row.row}行：`;
    if (row.status === "error") {
      fates.push({ row: row.row, fate: "error", errors: row.errors });
      continue;
    }
    const v = row.values;
    const place = await resolveVillage(lookup, v, reading.townshipHint);
    if ("error" in place) {
      fates.push({ row: row.row, fate: "error", errors: [at + place.error] });
      continue;
    }
    const village = place.village;
    if (!areaContains(scope, village)) {
      fates.push({ row: row.row, fate: "error", errors: [`${at}${village.township}${village.name}不在你管辖的${scope.name}范围内`] });
      continue;
    }
    const data = candidateData(v);
    const warnings = [...row.warnings];
    let existing = v.idNumber ? await lookup.findExisting({ idNumber: v.idNumber }) : null;
    if (!existing) {
      const namesake = await lookup.findExisting({ name: data.name, villageId: village.id });
      // A namesake with another ID number is another person.
      if (namesake && namesake.idNumber && v.idNumber && namesake.idNumber !== v.idNumber) {
        warnings.push(`${at}${village.name}已有一位${data.name}（身份证号不同），按另一人新建`);
      } else existing = namesake;
    }
    if (!existing) {
      fates.push({ row: row.row, fate: "create", village, data, warnings });
      continue;
    }
    if (!areaContains(scope, { path: existing.villagePath })) {
      fates.push({ row: row.row, fate: "error", errors: [`${at}此身份证号已登记在你管辖范围以外的人选名下，请联系县委组织部核实`] });
      continue;
    }
    const earlier = claimed.get(existing.id);
    if (earlier !== undefined) {
      fates.push({ row: row.row, fate: "error", errors: [`${at}与第${earlier}行是已登记的同一人选，请合并为一行`] });
      continue;
    }
    claimed.set(existing.id, row.row);
    const changes = changesFor(existing, data, village);
    if (changes.length === 0) fates.push({ row: row.row, fate: "skip", candidateId: existing.id, reason: "与已登记的信息一致" });
    else fates.push({ row: row.row, fate: "update", village, candidateId: existing.id, changes, warnings });
  }
  return fates;
}

async function resolveVillage(lookup: SurveyLookup, v: SurveyValues, hint: string | undefined): Promise<{ village: VillageRef } | { error: string }> {
  const name = v.village!;
  let found = await lookup.findVillage(name, v.township);
  if (found.length > 1 && !v.township && hint) {
    const narrowed = await lookup.findVillage(name, hint);
    if (narrowed.length) found = narrowed;
  }
  if (found.length === 1) return { village: found[0]! };
  if (found.length > 1) return { error: `“${name}”有${found.length}处（${found.map((f) => f.township).join("、")}），请填写乡镇` };
  if (v.township) {
    const elsewhere = await lookup.findVillage(name);
    if (elsewhere.length) return { error: `${v.township}没有“${name}”，${elsewhere.map((f) => f.township).join("、")}有，请核对乡镇` };
    return { error: `${v.township}没有“${name}”这个村，请核对村名` };
  }
  return { error: `县里没有“${name}”这个村，请核对村名` };
}

function candidateData(v: SurveyValues): CandidateData {
  const data: CandidateData = { name: v.name! };
  for (const f of FIELDS) if (v[f] !== undefined) (data as unknown as Record<string, unknown>)[f] = v[f];
  return data;
}

function changesFor(existing: ExistingCandidate, data: CandidateData, village: VillageRef): FieldChange[] {
  const changes: FieldChange[] = [];
  if (existing.villageId !== village.id) changes.push({ field: "villageId", from: existing.villageId, to: village.id });
  for (const f of FIELDS) {
    let to: unknown = data[f];
    const from = (existing as unknown as Record<string, unknown>)[f] ?? undefined;
    if (to === undefined || to === from) continue;
    // "其他" from an unknown label says less than a category already recorded.
    if (f === "category" && to === "other" && from !== undefined) continue;
    if (f === "notes" && typeof from === "string" && from) {
      if (from.includes(String(to))) continue;
      to = `${from}；${String(to)}`;
    }
    changes.push({ field: f, from: from ?? null, to });
  }
  return changes;
}
