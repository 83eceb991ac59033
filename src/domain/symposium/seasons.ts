// The homecoming seasons a county meets its reserves in, as the county configures
// them: Spring Festival and the summer holidays by default, others (国庆, a local
// festival) added by configuration. Each has a window (when people are home) and
// a draft date (when Miaopu starts asking "are you coming home?").
import { z } from "zod";
import "../../core/zod-locale.ts";
import { addDays, dayIndex, isoOf, type IsoDate } from "./calendar-day.ts";
import { DEFAULT_XIAONIAN, lunarDate, lunarMonthLength } from "./lunar-days.ts";
import { daysInMonth } from "../zoned-time.ts";

/**
 * A day of the year. Lunar days follow the holiday-year rule of `lunarDate`: month 12
 * is the 腊月 before the year's Spring Festival, months 1–11 follow it. A day the month
 * lacks in some year (腊月三十, 2月29日) falls back to the month's last day.
 */
export const DayOfYearSchema = z
  .object({
    calendar: z.enum(["gregorian", "lunar"]).default("gregorian"),
    month: z.int().min(1).max(12),
    day: z.int().min(1).max(31),
  })
  .refine((d) => d.calendar === "gregorian" || d.day <= 30, { message: "农历日期最多到三十", path: ["day"] })
  .refine((d) => d.calendar === "lunar" || d.day <= daysInMonth(2024, d.month), { message: "这个月没有这一天", path: ["day"] });
export type DayOfYear = z.infer<typeof DayOfYearSchema>;

/** When the draft ("are you coming home?") goes out: a fixed day, or so many days before the window opens. */
export const DraftRuleSchema = z.union([DayOfYearSchema, z.object({ daysBefore: z.int().min(0).max(120) })]);
export type DraftRule = z.infer<typeof DraftRuleSchema>;

export const WindowSchema = z.object({ start: DayOfYearSchema, end: DayOfYearSchema });

const lunar = (month: number, day: number) => ({ calendar: "lunar" as const, month, day });
const gregorian = (month: number, day: number) => ({ calendar: "gregorian" as const, month, day });

export const SeasonConfigSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("spring_festival"),
    name: z.string().min(1).default("春节"),
    // 腊月二十 to 元宵: migrant workers come home from about 腊月二十, students earlier.
    window: WindowSchema.default({ start: lunar(12, 20), end: lunar(1, 15) }),
    draft: DraftRuleSchema.default(lunar(12, 10)),
    xiaonian: z.enum(["north", "south"]).default(DEFAULT_XIAONIAN),
  }),
  z.object({
    kind: z.literal("summer"),
    name: z.string().min(1).default("暑假"),
    window: WindowSchema.default({ start: gregorian(7, 10), end: gregorian(8, 31) }),
    draft: DraftRuleSchema.default(gregorian(6, 20)),
  }),
  z.object({
    kind: z.literal("custom"),
    name: z.string().min(1),
    window: WindowSchema,
    draft: DraftRuleSchema.default({ daysBefore: 20 }),
  }),
]);
export type SeasonConfig = z.infer<typeof SeasonConfigSchema>;
export type SeasonKind = SeasonConfig["kind"];

export const SeasonsConfigSchema = z
  .array(SeasonConfigSchema)
  .min(1)
  .refine((list) => new Set(list.map((s) => s.name)).size === list.length, { message: "季节名称不能重复" });

/** Spring Festival and the summer holidays with their defaults. */
export const DEFAULT_SEASONS: SeasonConfig[] = SeasonsConfigSchema.parse([{ kind: "spring_festival" }, { kind: "summer" }]);

/** Validates a county's season list; throws a zod error with Chinese messages. */
export function parseSeasons(input: unknown): SeasonConfig[] {
  return SeasonsConfigSchema.parse(input);
}

export interface SeasonWindow {
  start: IsoDate;
  end: IsoDate;
}

export interface SeasonOccurrence {
  season: SeasonConfig;
  /** Spring Festival: the year of 正月初一; otherwise the year the window opens in. */
  year: number;
  window: SeasonWindow;
  draft: IsoDate;
}

function resolveDay(d: DayOfYear, year: number): IsoDate {
  if (d.calendar === "lunar") return lunarDate(year, d.month, Math.min(d.day, lunarMonthLength(year, d.month)))!;
  return isoOf(year, d.month, Math.min(d.day, daysInMonth(year, d.month)));
}

/**
 * The season's window and draft date in a year. A Gregorian window whose end comes
 * before its start (12月30日–1月3日) ends in the next year.
 *
 * `seasonIn(DEFAULT_SEASONS[0], 2027)` → window 2027-01-27 … 2027-02-20, draft 2027-01-17.
 */
export function seasonIn(season: SeasonConfig, year: number): SeasonOccurrence {
  const start = resolveDay(season.window.start, year);
  let end = resolveDay(season.window.end, year);
  if (dayIndex(end) < dayIndex(start)) {
    if (season.window.end.calendar === "lunar") throw new RangeError(`${season.name}：结束日早于开始日`);
    end = resolveDay(season.window.end, year + 1);
  }
  const draft = "daysBefore" in season.draft ? addDays(start, -season.draft.daysBefore) : resolveDay(season.draft, year);
  return { season, year, window: { start, end }, draft };
}

/**
 * The season a county is heading into on `today`: of every configured season, the
 * occurrence whose window has not ended yet and opens first (the current one while
 * people are home). On 2026-12-01 with the defaults: Spring Festival 2027.
 */
export function nextSeason(today: IsoDate, seasons: readonly SeasonConfig[] = DEFAULT_SEASONS): SeasonOccurrence {
  const t = dayIndex(today);
  const y = Number(today.slice(0, 4));
  let best: SeasonOccurrence | null = null;
  for (const season of seasons) {
    for (const year of [y - 1, y, y + 1, y + 2]) {
      const o = seasonIn(season, year);
      if (dayIndex(o.window.end) < t) continue;
      if (!best || dayIndex(o.window.start) < dayIndex(best.window.start)) best = o;
      break;
    }
  }
  if (!best) throw new RangeError("没有配置任何季节");
  return best;
}
