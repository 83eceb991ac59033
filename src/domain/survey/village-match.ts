// Which village a survey means by "东岭" or "东岭村委会", among a county's villages.

import { normalisePlaceText, placeKey } from "../divisions/place-name.ts";

export interface VillageRef {
  id: number;
  name: string;
  township: string;
  /** The area path ("/1/4/9/"), for scope checks. */
  path: string;
}

/**
 * The villages `name` may mean, narrowed to `township` when given. The exact name wins
 * over a looser spelling ("东岭" finds 东岭村; 东岭村 and 东岭社区 both answer "东岭").
 *
 * `matchVillages(villages, "东岭", "青山")` → [{ name: "东岭村", township: "青山镇", … }]
 */
export function matchVillages(villages: readonly VillageRef[], name: string, township?: string): VillageRef[] {
  const wanted = normalisePlaceText(name);
  if (!wanted) return [];
  const inTownship = township ? villages.filter((v) => placeKey(v.township) === placeKey(township)) : villages;
  const exact = inTownship.filter((v) => normalisePlaceText(v.name) === wanted);
  if (exact.length) return exact;
  const key = placeKey(wanted);
  return inTownship.filter((v) => placeKey(v.name) === key);
}
