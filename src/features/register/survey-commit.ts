// The survey import against the database: a preview of every row's fate (nothing
// written), and a commit that writes all of it in one transaction — or, when the cadre
// chooses to skip the bad rows, the good ones. The rules are survey-fates.ts.
import { usage } from "../../core/errors.ts";
import type { Prisma } from "../../db/database.ts";
import type { AreaRef } from "../../domain/area.ts";
import { CATEGORY, GENDER, SOURCE } from "../../domain/glossary.ts";
import { FIELD_HEADERS } from "../../domain/survey/headers.ts";
import { matchVillages } from "../../domain/survey/village-match.ts";
import { audit } from "../audit.ts";
import type { Services } from "../context.ts";
import { decideFates, type ExistingCandidate, type FieldChange, type SurveyFate, type SurveyLookup, type VillageRef } from "./survey-fates.ts";
import { importSurvey, type SurveyReading } from "./survey-import.ts";

export interface ImportRowJson {
  row: number;
  status: "create" | "update" | "skip" | "error";
  name: string | null;
  village: string | null;
  errors: string[];
  warnings: string[];
  /** How a cell was read ("类别“大学生”→大学毕业生"). */
  notes: string[];
  /** `text` says it in Chinese: "学历：本科 → 大学本科". */
  changes: { field: string; from: unknown; to: unknown; text: string }[];
  candidateId: number | null;
}

export interface ImportResult {
  rows: ImportRowJson[];
  counts: Record<ImportRowJson["status"], number>;
  /** Findings about the whole sheet (no header found, a missing 村 column…). */
  problems: string[];
  skippedLines: { row: number; reason: string }[];
  dryRun: boolean;
  committed: boolean;
  created: number;
  updated: number;
}

/** The county an area lies in: the first id of its path ("/" for the machine's everywhere). */
const countyPath = (area: AreaRef) => (area.path.match(/^\/\d+\//)?.[0] ?? "/");

/** Villages and existing people, read from the database for one importer's county. */
export async function databaseLookup(prisma: Prisma, scope: AreaRef): Promise<SurveyLookup> {
  const county = countyPath(scope);
  const rows = await prisma.area.findMany({ where: { level: "village", path: { startsWith: county } }, select: { id: true, name: true, path: true, parent: { select: { name: true } } } });
  const villages: VillageRef[] = rows.map((v) => ({ id: v.id, name: v.name, path: v.path, township: v.parent?.name ?? "" }));
  const include = { village: { select: { path: true } } } as const;
  const existing = (c: (Record<string, unknown> & { id: number; name: string; villageId: number; village: { path: string } }) | null): ExistingCandidate | null =>
    c && ({ ...c, villagePath: c.village.path } as ExistingCandidate);
  return {
    findVillage: (name, township) => matchVillages(villages, name, township),
    async findExisting(key) {
      if ("idNumber" in key) return existing(await prisma.candidate.findUnique({ where: { idNumber: key.idNumber }, include }));
      return existing(await prisma.candidate.findFirst({ where: { name: key.name, villageId: key.villageId }, include, orderBy: { id: "asc" } }));
    },
  };
}

const LABEL: Record<string, string> = { ...FIELD_HEADERS, birthYear: "出生年份", birthMonth: "出生月份", villageId: "村" };
const VALUE_LABELS: Record<string, Record<string, string>> = { gender: GENDER, category: CATEGORY, source: SOURCE };

/** "学历：本科 → 大学本科"; a move between villages names them. */
function changeText(c: FieldChange, village: VillageRef, villageNames: Map<number, string>): string {
  const shown = (v: unknown) =>
    v === null || v === undefined || v === "" ? "（空）" : c.field === "villageId" ? (v === village.id ? `${village.township}${village.name}` : (villageNames.get(v as number) ?? `#${v}`)) : (VALUE_LABELS[c.field]?.[String(v)] ?? String(v));
  return `${LABEL[c.field] ?? c.field}：${shown(c.from)} → ${shown(c.to)}`;
}

function rowJson(fate: SurveyFate, reading: SurveyReading, villageNames: Map<number, string>): ImportRowJson {
  const read = reading.rows.find((r) => r.row === fate.row);
  const base = { row: fate.row, name: read?.values.name ?? null, notes: read?.notes ?? [], errors: [], warnings: [], changes: [], candidateId: null };
  switch (fate.fate) {
    case "create":
      return { ...base, status: "create", village: `${fate.village.township}${fate.village.name}`, warnings: fate.warnings };
    case "update":
      return {
        ...base,
        status: "update",
        village: `${fate.village.township}${fate.village.name}`,
        warnings: fate.warnings,
        changes: fate.changes.map((c) => ({ ...c, text: changeText(c, fate.village, villageNames) })),
        candidateId: fate.candidateId,
      };
    case "skip":
      return { ...base, status: "skip", village: read?.values.village ?? null, warnings: [fate.reason], candidateId: fate.candidateId };
    case "error":
      return { ...base, status: "error", village: read?.values.village ?? null, errors: fate.errors };
  }
}

/**
 * Read an uploaded survey and decide every row inside `scope`. With `commit`, write
 * it: refused while errors remain unless `skipErrors`; all rows in one transaction.
 * The same file imported twice changes nothing the second time (every row is a skip).
 */
export async function importSurveyFile(
  services: Services,
  actor: { memberId: number | null; area: AreaRef },
  file: Buffer,
  opts: { commit: boolean; skipErrors: boolean; now: Date },
): Promise<ImportResult> {
  const prisma = services.db.prisma;
  const reading = await importSurvey(file, opts.now);
  const fates = await decideFates(reading, await databaseLookup(prisma, actor.area), actor.area);
  // Villages people would move from, for the preview's wording.
  const from = fates.flatMap((f) => (f.fate === "update" ? f.changes.filter((c) => c.field === "villageId").map((c) => c.from as number) : []));
  const villageNames = new Map((from.length ? await prisma.area.findMany({ where: { id: { in: from } }, select: { id: true, name: true } }) : []).map((v) => [v.id, v.name]));
  const rows = fates.map((f) => rowJson(f, reading, villageNames));
  const counts = { create: 0, update: 0, skip: 0, error: 0 };
  for (const r of rows) counts[r.status]++;
  const result: ImportResult = { rows, counts, problems: reading.problems, skippedLines: reading.skipped, dryRun: !opts.commit, committed: false, created: 0, updated: 0 };
  if (!opts.commit) return result;
  if (reading.problems.length && !rows.length) throw usage(`无法导入：${reading.problems.join("；")}`, "请使用摸底表模板");
  if (counts.error && !opts.skipErrors) {
    throw usage(`有${counts.error}行有错误，未导入任何内容。请改正后重新上传，或选择“跳过有错误的行”。`, "POST /api/candidates/import?skipErrors=true", { counts });
  }
  await services.db.transaction(async ({ prisma: tx }) => {
    for (const f of fates) {
      if (f.fate === "create") {
        const c = await tx.candidate.create({ data: { ...f.data, villageId: f.village.id } as never });
        await audit(tx, { actorId: actor.memberId, action: "candidate.import-create", outcome: "ok", entity: "Candidate", entityId: c.id, detail: { row: f.row } });
        result.created++;
      } else if (f.fate === "update") {
        const data = Object.fromEntries(f.changes.map((c) => [c.field, c.to]));
        await tx.candidate.update({ where: { id: f.candidateId }, data: data as never });
        await audit(tx, { actorId: actor.memberId, action: "candidate.import-update", outcome: "ok", entity: "Candidate", entityId: f.candidateId, detail: { row: f.row, changes: f.changes } as never });
        result.updated++;
      }
    }
    await audit(tx, { actorId: actor.memberId, action: "survey.import", outcome: "ok", detail: { counts, skipErrors: opts.skipErrors } });
  });
  result.committed = true;
  result.dryRun = false;
  return result;
}
