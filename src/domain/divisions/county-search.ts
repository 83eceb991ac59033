import type { CountyEntry, DivisionIndex } from "./extract-format.ts";
import { normalisePlaceText } from "./place-name.ts";

export interface CountyMatch extends CountyEntry {
  /** "吉林省长春市朝阳区": enough to tell same-named counties apart. */
  label: string;
}

/** "吉林省长春市朝阳区", or "北京市朝阳区" where the city level is a placeholder. */
export function countyLabel(c: CountyEntry): string {
  // 东莞市 and 中山市 have no county level: the bureau repeats the city as the county.
  const city = c.city && c.city.name !== c.name ? c.city.name : "";
  return `${c.province.name}${city}${c.name}`;
}

// The 55 minority peoples, as autonomous areas name them (维吾尔 without 族 in 新疆维吾尔自治区).
const PEOPLES =
  "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺";
const ETHNIC = `(?:(?:${PEOPLES})族|维吾尔)*`;
const AUTONOMOUS = new RegExp(`^(.{2,}?)${ETHNIC}自治(州|县|区|旗)$`);

/**
 * Short forms people write for an administrative name: "淳安县" → 淳安; "长阳土家族自治县"
 * → 长阳, 长阳县; "广西壮族自治区" → 广西; "延边朝鲜族自治州" → 延边, 延边州. Never a single
 * character ("城区" has no short form).
 */
export function shortForms(name: string): string[] {
  const forms = new Set([name]);
  const auto = AUTONOMOUS.exec(name);
  if (auto) {
    forms.add(auto[1]!);
    if (auto[2] !== "区") forms.add(auto[1]! + auto[2]);
  }
  const bare = name.replace(/(特别行政区|自治区|地区|林区|特区|省|市|县|区|旗|盟)$/, "");
  if (bare !== name) forms.add(bare);
  return [...forms].filter((f) => [...f].length >= 2);
}

/** What is left of `text` after a leading form of `name`, or null if none leads it. */
function stripLeading(text: string, name: string): string | null {
  const form = shortForms(name)
    .sort((a, b) => b.length - a.length)
    .find((f) => text.startsWith(f));
  return form === undefined ? null : text.slice(form.length);
}

/** True when `rest` is empty or names the county's province and/or city. */
function placesAbove(rest: string, c: CountyEntry): boolean {
  if (!rest) return true;
  const afterProvince = stripLeading(rest, c.province.name) ?? rest;
  if (!afterProvince) return true;
  return c.city !== null && stripLeading(afterProvince, c.city.name) === "";
}

/**
 * Counties a cadre may mean: a 6-digit code (a longer township or village code finds
 * its county), the name ("朝阳区"), a short form ("淳安"), optionally after the
 * province and city ("吉林 长春 朝阳区"). Names repeat across provinces: every match
 * comes back with its label so the cadre can choose. Exact names win over short forms.
 */
export function findCounties(index: DivisionIndex, query: string): CountyMatch[] {
  const q = normalisePlaceText(query).replace(/[/／·、,，]/g, "");
  if (/^\d{6}(\d{3}){0,2}$/.test(q)) {
    const c = index.byCode.get(q.slice(0, 6));
    return c ? [{ ...c, label: countyLabel(c) }] : [];
  }
  if (!q) return [];
  const exact: CountyEntry[] = [];
  const loose: CountyEntry[] = [];
  for (const c of index.counties) {
    if (q.endsWith(c.name) && placesAbove(q.slice(0, q.length - c.name.length), c)) exact.push(c);
    else if (shortForms(c.name).some((f) => q.endsWith(f) && placesAbove(q.slice(0, q.length - f.length), c))) loose.push(c);
  }
  return (exact.length ? exact : loose).map((c) => ({ ...c, label: countyLabel(c) }));
}
