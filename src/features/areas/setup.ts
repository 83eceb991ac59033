// Setting up a real county in one step: the national division codes' townships and villages
// (the committed extract), with the county's own 乡镇/村 list laid over them, written so a
// second run changes nothing.
import { AppError, forbidden } from "../../core/errors.ts";
import type { Prisma } from "../../db/database.ts";
import { planAreaTree, type AreaPlan } from "../../domain/divisions/area-plan.ts";
import { atLeast, type Actor } from "../../domain/permissions.ts";
import { audit } from "../audit.ts";
import { applyAreaPlan, type ApplyResult } from "./apply-area-plan.ts";
import { loadCountyTree, loadDivisionIndex } from "./divisions.ts";
import { readPlaceSheet } from "./place-sheet.ts";

export interface CountySetup {
  plan: AreaPlan;
  townships: number;
  villages: number;
  /** What the county's own list changed ("第5行：新增村…"). */
  notes: string[];
  errors: string[];
  applied: ApplyResult | null;
}

/**
 * Plan (and with `apply`, write) the tree of the county with code `code`. A county
 * administrator's own county keeps its name and takes the code; the machine's takes the
 * official name. Refused while the county's list has errors.
 */
export async function setUpCounty(prisma: Prisma, actor: Actor, code: string, sheet: Buffer | null, apply: boolean): Promise<CountySetup> {
  if (!atLeast(actor.role, "county_admin") || !actor.area) throw forbidden("只有县委组织部管理员可以设置全县的地区。");
  const entry = (await loadDivisionIndex()).byCode.get(code);
  if (!entry) throw new AppError("bad_arguments", `没有代码为“${code}”的县（区），请先按名称搜索。`);
  const tree = await loadCountyTree(code);
  const reading = sheet ? await readPlaceSheet(sheet) : { rows: [], errors: [] };
  const own = actor.area.level === "county" && actor.area.id !== 0 ? actor.area.name : entry.name;
  const { plan, notes, errors } = planAreaTree({ name: own, code }, tree, reading.rows);
  const allErrors = [...reading.errors, ...errors];
  const result: CountySetup = {
    plan,
    townships: plan.townships.length,
    villages: plan.townships.reduce((n, t) => n + t.villages.length, 0),
    notes,
    errors: allErrors,
    applied: null,
  };
  if (!apply) return result;
  if (allErrors.length) throw new AppError("bad_arguments", `名单有${allErrors.length}处错误，未做任何改动：${allErrors.slice(0, 3).join("；")}`, { errors: allErrors });
  result.applied = await applyAreaPlan(prisma, plan);
  await audit(prisma, { actorId: actor.memberId, action: "areas.setup", outcome: "ok", entity: "Area", entityId: result.applied.countyId, detail: { code, ...result.applied } });
  return result;
}
