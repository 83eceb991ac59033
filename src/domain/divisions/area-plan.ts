// The area tree a county is set up with: the national codes' townships and villages,
// with the county's own list laid over them (places the codes lack or name differently).

import type { CountyTree } from "./extract-format.ts";
import { normalisePlaceText, placeKey, shortPlaceName } from "./place-name.ts";
import type { PlaceRow } from "./place-rows.ts";

export interface PlannedPlace {
  /** The name the area gets: the county's own, or the usual short form of the official one. */
  name: string;
  code: string | null;
  /** The statistics bureau's name, when the place is in the codes. */
  officialName?: string;
}

export interface AreaPlan {
  county: { name: string; code: string | null };
  townships: (PlannedPlace & { villages: PlannedPlace[] })[];
}

export interface AreaPlanResult {
  plan: AreaPlan;
  /** What the county's list changed: "第5行：新增村…", "第6行：…改名为…". */
  notes: string[];
  /** Rows of the county's list that could not be laid over the codes. */
  errors: string[];
}

type Township = AreaPlan["townships"][number];

/**
 * Build the plan from a county's tree in the codes (or null for a county set up from its
 * own list alone) and the rows of its own list. Official villages get their short names
 * ("南高村委会" → "南高村"); a list row with a code renames that place when the names
 * differ beyond spelling; one without a code matches by name or adds a place.
 *
 * `planAreaTree({ name: "淳安县", code: "330127" }, tree, rows).plan.townships[0].villages[0]`
 * → { name: "青城社区", code: "330127100001", officialName: "青城社区" }
 */
export function planAreaTree(county: { name: string; code: string | null }, tree: CountyTree | null, rows: PlaceRow[]): AreaPlanResult {
  const townships: Township[] = (tree?.townships ?? []).map((t) => ({
    name: t.name,
    code: t.code,
    officialName: t.name,
    villages: shortNames(t.villages.map((v) => v.name)).map((name, i) => ({ name, code: t.villages[i]!.code, officialName: t.villages[i]!.name })),
  }));
  const notes: string[] = [];
  const errors: string[] = [];
  for (const row of rows) {
    const at = `第${row.row}行：`;
    if (row.code && county.code && !row.code.startsWith(county.code)) {
      errors.push(`${at}代码${row.code}不属于${county.name}（${county.code}）`);
      continue;
    }
    const townshipCode = row.code?.slice(0, 9);
    let township = townships.find((t) => (townshipCode && t.code === townshipCode) || placeKey(t.name) === placeKey(row.township));
    if (!township) {
      township = { name: row.township, code: townshipCode ?? null, villages: [] };
      townships.push(township);
      notes.push(`${at}新增乡镇“${row.township}”${township.code ? `（代码${township.code}）` : "（代码中没有）"}`);
    } else if (!row.village && row.code?.length === 9 && placeKey(township.name) !== placeKey(row.township)) {
      notes.push(`${at}乡镇“${township.name}”按本县名单改名为“${row.township}”`);
      township.name = row.township;
    }
    if (!row.village) continue;
    const byCode = row.code?.length === 12 ? township.villages.find((v) => v.code === row.code) : undefined;
    const matches = byCode ? [byCode] : row.code?.length === 12 ? [] : township.villages.filter((v) => placeKey(v.name) === placeKey(row.village!));
    if (matches.length > 1) {
      errors.push(`${at}“${row.village}”在${township.name}有${matches.length}个：${matches.map((m) => m.officialName ?? m.name).join("、")}，请写全名或填代码`);
      continue;
    }
    const village = matches[0];
    if (!village) {
      township.villages.push({ name: row.village, code: row.code?.length === 12 ? row.code : null });
      notes.push(`${at}在${township.name}新增村“${row.village}”${row.code?.length === 12 ? `（代码${row.code}）` : "（代码中没有）"}`);
    } else if (placeKey(village.name) !== placeKey(row.village)) {
      // Only a code can say that a differently named place is this one.
      notes.push(`${at}${township.name}“${village.name}”按本县名单改名为“${row.village}”`);
      village.name = row.village;
    }
  }
  return { plan: { county, townships }, notes, errors };
}

/**
 * Short names for one township's villages, unless two would share one (14 pairs in the
 * country, e.g. 隆阜（3）社区居委会 and 隆阜（4）社区居委会): those keep their official names.
 */
function shortNames(official: string[]): string[] {
  const short = official.map(shortPlaceName);
  const count = new Map<string, number>();
  for (const s of short) count.set(s, (count.get(s) ?? 0) + 1);
  return short.map((s, i) => (count.get(s)! > 1 ? normalisePlaceText(official[i]!) : s));
}
