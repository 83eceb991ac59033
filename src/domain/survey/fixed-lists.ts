// The survey's fixed lists that the glossary does not hold (education and political
// status are free text in the database) and one reader for every fixed list, liberal
// about how a township spelled the value.

import { CATEGORY, CATEGORY_ALIASES, GENDER, SOURCE, SOURCE_ALIASES, fromLabel } from "../glossary.ts";

export const EDUCATION = ["研究生", "大学本科", "大学专科", "中专", "高中", "初中", "小学"] as const;

export const EDUCATION_ALIASES: Record<string, (typeof EDUCATION)[number]> = {
  博士: "研究生",
  硕士: "研究生",
  博士研究生: "研究生",
  硕士研究生: "研究生",
  本科: "大学本科",
  大学: "大学本科",
  大本: "大学本科",
  学士: "大学本科",
  大专: "大学专科",
  专科: "大学专科",
  高职: "大学专科",
  高职高专: "大学专科",
  中技: "中专",
  技校: "中专",
  职高: "中专",
  中职: "中专",
  中等专业: "中专",
  中专中技: "中专",
  普高: "高中",
  高中及以下: "高中",
  初中及以下: "初中",
  小学及以下: "小学",
};

export const POLITICAL_STATUS = ["中共党员", "中共预备党员", "共青团员", "民主党派", "无党派人士", "群众"] as const;

export const POLITICAL_STATUS_ALIASES: Record<string, (typeof POLITICAL_STATUS)[number]> = {
  党员: "中共党员",
  共产党员: "中共党员",
  中国共产党党员: "中共党员",
  正式党员: "中共党员",
  预备党员: "中共预备党员",
  团员: "共青团员",
  青年团员: "共青团员",
  民革: "民主党派",
  民盟: "民主党派",
  民建: "民主党派",
  民进: "民主党派",
  农工党: "民主党派",
  致公党: "民主党派",
  九三学社: "民主党派",
  台盟: "民主党派",
  无党派: "无党派人士",
  普通群众: "群众",
};

const GENDER_ALIASES: Record<string, keyof typeof GENDER> = { 男性: "male", 女性: "female", M: "male", F: "female", 男士: "male", 女士: "female" };

/** A fixed list: the labels people read and a reader for how they are written. */
export interface FixedList<T extends string> {
  label: string;
  options: readonly string[];
  read(text: string): T | undefined;
}

const tidy = (text: string) => text.normalize("NFKC").replace(/\s+/g, "").replace(/[。.，,;；]+$/, "");

function list<T extends string>(label: string, options: readonly string[], read: (s: string) => T | undefined): FixedList<T> {
  // Tolerate a trailing 学历 / 毕业 / 人员, "(在读)" and similar wrapping.
  const reader = (text: string) => {
    const s = tidy(text);
    return read(s) ?? read(s.replace(/[(（][^)）]*[)）]$/, "")) ?? read(s.replace(/(学历|毕业|在读|人员|身份)$/, ""));
  };
  return { label, options, read: reader };
}

const fromArray = <T extends string>(values: readonly T[], aliases: Record<string, T>) => (s: string) =>
  (values as readonly string[]).includes(s) ? (s as T) : Object.hasOwn(aliases, s) ? aliases[s] : undefined;

export const FIXED_LISTS = {
  gender: list("性别", Object.values(GENDER), (s) => fromLabel(GENDER, s, GENDER_ALIASES) as keyof typeof GENDER | undefined),
  category: list("类别", Object.values(CATEGORY), (s) => fromLabel(CATEGORY, s, CATEGORY_ALIASES) as keyof typeof CATEGORY | undefined),
  source: list("来源", Object.values(SOURCE), (s) => fromLabel(SOURCE, s, SOURCE_ALIASES) as keyof typeof SOURCE | undefined),
  education: list("学历", EDUCATION, fromArray(EDUCATION, EDUCATION_ALIASES)),
  politicalStatus: list("政治面貌", POLITICAL_STATUS, fromArray(POLITICAL_STATUS, POLITICAL_STATUS_ALIASES)),
};
