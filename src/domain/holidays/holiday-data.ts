// Statutory holiday arrangements (放假调休) as published each year by the State
// Council. They cannot be computed, so they come from a data file a county
// administrator updates; a year absent from it is unknown, never "ordinary".
import { z } from "zod";
import "../../core/zod-locale.ts";
import { dayIndex, isIsoDate, isoOfIndex, type IsoDate } from "../symposium/calendar-day.ts";
import shipped from "./statutory-holidays.json" with { type: "json" };

const DateSchema = z.string().refine(isIsoDate, { message: "日期格式应为 YYYY-MM-DD" });

export const HolidaySchema = z
  .object({
    /** "春节" */
    name: z.string().min(1),
    /** First and last day off, inclusive. */
    from: DateSchema,
    to: DateSchema,
    /** Weekend days worked in exchange (调休上班). */
    workdays: z.array(DateSchema).default([]),
  })
  .refine((h) => h.from <= h.to, { message: "放假结束日期早于开始日期", path: ["to"] });

export const HolidayYearSchema = z.object({
  year: z.int().min(2000).max(2100),
  /** The notice it was copied from, so the next administrator can check it. */
  source: z.string().min(1),
  holidays: z.array(HolidaySchema),
});

export const HolidayDataSchema = z
  .object({ note: z.string().optional(), years: z.array(HolidayYearSchema) })
  .superRefine((data, ctx) => {
    const years = data.years.map((y) => y.year);
    if (new Set(years).size !== years.length) ctx.addIssue({ code: "custom", message: "同一年份出现了两次", path: ["years"] });
    // Refinements still run after a field failed; the overlap check needs sound ranges.
    const ranges = data.years.flatMap((y) => y.holidays);
    if (ranges.some((h) => !isIsoDate(h.from) || !isIsoDate(h.to) || h.from > h.to)) return;
    const off = new Set<IsoDate>();
    for (const y of data.years) for (const h of y.holidays) for (let d = dayIndex(h.from); d <= dayIndex(h.to); d++) off.add(isoOfIndex(d));
    for (const y of data.years)
      for (const h of y.holidays)
        for (const w of h.workdays)
          if (off.has(w)) ctx.addIssue({ code: "custom", message: `${w} 既是放假日又是调休上班日`, path: ["years"] });
  });
export type HolidayData = z.infer<typeof HolidayDataSchema>;

/** Validates an administrator's file; throws a zod error with Chinese messages. */
export function parseHolidayData(input: unknown): HolidayData {
  return HolidayDataSchema.parse(input);
}

/** The arrangements shipped with Miaopu (2026). */
export const SHIPPED_HOLIDAY_DATA: HolidayData = parseHolidayData(shipped);
