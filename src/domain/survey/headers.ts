// Which column holds what: survey headers as townships write them.

import type { Grid } from "../sheet/grid.ts";
import { findSheetHeader, type SheetHeaderColumn, type SheetHeaderRow } from "../sheet/header-row.ts";

export const SURVEY_FIELDS = [
  "name",
  "gender",
  "birth",
  "idNumber",
  "phone",
  "education",
  "politicalStatus",
  "township",
  "village",
  "category",
  "source",
  "specialties",
  "currentPlace",
  "notes",
] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];

/** The header each field gets in the template and the export; the first synonym. */
export const FIELD_HEADERS: Record<SurveyField, string> = {
  name: "姓名",
  gender: "性别",
  birth: "出生年月",
  idNumber: "身份证号",
  phone: "联系电话",
  education: "学历",
  politicalStatus: "政治面貌",
  township: "乡镇",
  village: "村",
  category: "类别",
  source: "来源",
  specialties: "特长",
  currentPlace: "现工作地",
  notes: "备注",
};

// Compared after normaliseHeader(): no spaces, brackets or their contents, asterisks.
const SYNONYMS: Record<SurveyField, string[]> = {
  name: ["姓名", "名字", "人员姓名", "人选姓名", "后备力量姓名", "后备人选姓名", "对象姓名"],
  gender: ["性别"],
  birth: ["出生年月", "出生日期", "出生年份", "出生年月日", "出生时间", "出生", "生日", "出生年"],
  idNumber: ["身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "证件号码", "身份号码"],
  phone: ["联系电话", "手机", "电话", "手机号码", "手机号", "联系方式", "电话号码", "联系电话手机", "本人电话", "本人手机"],
  education: ["学历", "文化程度", "最高学历", "全日制学历", "学历学位", "文化"],
  politicalStatus: ["政治面貌", "政治身份"],
  township: ["乡镇", "所在乡镇", "乡镇街道", "乡镇名称", "所属乡镇", "镇", "乡", "街道", "镇街"],
  village: ["村", "所在村", "村社区", "所在村社区", "村名", "村别", "村居", "所属村", "村委会", "行政村", "所在行政村", "村组", "所在村组"],
  category: ["类别", "人员类别", "类型", "人员类型", "后备力量类别", "人选类别", "身份类别", "对象类别", "类别身份"],
  source: ["来源", "推荐方式", "产生方式", "推荐渠道", "人选来源", "推荐来源", "产生途径"],
  specialties: ["特长", "专长", "个人特长", "特长专长", "专业特长", "技能特长"],
  currentPlace: ["现工作地", "现居住地", "务工地", "现工作单位", "工作单位", "现所在地", "现居地", "外出务工地点", "务工地点", "现工作地点", "现工作单位及职务", "工作单位及职务", "现从事职业", "现居住地址", "现住址"],
  notes: ["备注", "说明", "其他情况", "备注说明"],
};

/** Columns people add that carry nothing to keep. */
const IGNORED = new Set(["序号", "编号", "年龄", "顺序号", "No"]);

export function normaliseHeader(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[*＊※]/g, "")
    .replace(/[(（【\[][^)）】\]]*[)）】\]]/g, (inner) => (/^[(（]社区[)）]$/.test(inner) ? "社区" : ""))
    .replace(/[：:]$/, "");
}

const LOOKUP = new Map<string, SurveyField>();
for (const field of SURVEY_FIELDS) for (const s of SYNONYMS[field]) LOOKUP.set(s, field);

/**
 * The field a header names, or null. `matchHeader("身份证号码")` → "idNumber";
 * `matchHeader("村（社区）")` → "village"; `matchHeader("出生年月\n（如1990.01）")` → "birth".
 */
export function matchHeader(text: string): SurveyField | null {
  const h = normaliseHeader(text);
  if (!h) return null;
  const exact = LOOKUP.get(h);
  if (exact) return exact;
  // Longer heads ("特长爱好", "手机微信号"): the longest synonym they start with, unless
  // the words after it name something else (出生地 is a birthplace).
  if (/^(出生地|籍贯|户籍|家庭住址)/.test(h)) return null;
  let best: [SurveyField, number] | null = null;
  for (const [syn, field] of LOOKUP) if (syn.length >= 2 && h.startsWith(syn) && (!best || syn.length > best[1])) best = [field, syn.length];
  return best ? best[0] : null;
}

export function isIgnoredHeader(text: string): boolean {
  return IGNORED.has(normaliseHeader(text));
}

export type HeaderColumn = SheetHeaderColumn<SurveyField>;
export type HeaderRow = SheetHeaderRow<SurveyField>;

/**
 * Find the survey's header row: the row naming the most fields, with 姓名 among them.
 * A header split over two rows (a group title merged above sub-headers, or 姓名 merged
 * down over both) is read as one.
 */
export function findHeaderRow(grid: Grid): HeaderRow | null {
  return findSheetHeader(grid, matchHeader, "name");
}
