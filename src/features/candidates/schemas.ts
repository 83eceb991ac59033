import { z } from "zod";
import "../../core/zod-locale.ts";
import { CATEGORY, CATEGORY_ALIASES, GENDER, SOURCE, SOURCE_ALIASES, fromLabel, type Category, type Source, type Gender } from "../../domain/glossary.ts";
import { isMobile } from "../../domain/phone.ts";

const labelled = <T extends Record<string, string>>(table: T, aliases: Record<string, keyof T>, what: string) =>
  z.string().transform((s, ctx) => {
    const code = fromLabel(table, s, aliases);
    if (!code) {
      ctx.addIssue({ code: "custom", message: `${what}应为：${Object.values(table).join("、")}` });
      return z.NEVER;
    }
    return code;
  });

/** /登记 fields, keyed by their Chinese names as people type them. */
export const RegisterInput = z.object({
  name: z.string({ error: "缺少姓名：写在 /登记 后面，如 /登记 张三 村=青山村" }).min(1, "缺少姓名").max(20, "姓名不超过20个字"),
  village: z.string({ error: "缺少村（村=某某村）" }).min(1, "缺少村（村=某某村）"),
  category: labelled(CATEGORY, CATEGORY_ALIASES, "类别").optional() as z.ZodType<Category | undefined>,
  source: labelled(SOURCE, SOURCE_ALIASES, "来源").optional() as z.ZodType<Source | undefined>,
  gender: labelled(GENDER, {}, "性别").optional() as z.ZodType<Gender | undefined>,
  // Four digits as people type them (full-width too); "0x7D0" or "2e3" are no years.
  birthYear: z
    .string()
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().regex(/^\d{4}$/, "出生年份应为四位数字，如 出生=1995"))
    .transform(Number)
    .pipe(z.number().min(1940, "出生年份应在1940年之后").max(2015, "出生年份应在2015年之前"))
    .optional(),
  phone: z.string().refine(isMobile, "电话应为11位手机号").optional(),
  education: z.string().max(20, "学历不超过20个字，如 学历=本科").optional(),
  politicalStatus: z.string().max(20, "政治面貌不超过20个字，如 政治面貌=中共党员").optional(),
  specialties: z.string().max(200, "特长不超过200个字").optional(),
  currentPlace: z.string().max(50, "现居不超过50个字，如 现居=杭州").optional(),
  notes: z.string().max(500, "备注不超过500个字").optional(),
});
export type RegisterInput = z.infer<typeof RegisterInput>;

/** Chinese field names (and English) → RegisterInput keys. */
export const REGISTER_KEYS: Record<string, keyof RegisterInput> = {
  姓名: "name", name: "name",
  村: "village", 村庄: "village", village: "village",
  类别: "category", 类型: "category", category: "category",
  来源: "source", source: "source",
  性别: "gender", gender: "gender",
  出生: "birthYear", 出生年份: "birthYear", 生年: "birthYear", born: "birthYear",
  电话: "phone", 手机: "phone", phone: "phone",
  学历: "education", education: "education",
  政治面貌: "politicalStatus", 面貌: "politicalStatus",
  特长: "specialties", 专长: "specialties",
  现居: "currentPlace", 现在: "currentPlace", 务工地: "currentPlace", 所在地: "currentPlace",
  备注: "notes", notes: "notes",
};
