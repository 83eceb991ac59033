// Which days to hold the symposium on: the days most reserves are home, with weekends
// and the days just before 除夕 weighed as the organiser likes.
import type { HomecomingAnswer, HomecomingSeason } from "../homecoming.ts";
import { workingDayStatus } from "../holidays/working-days.ts";
import type { HolidayData } from "../holidays/holiday-data.ts";
import { addDays, dayIndex, isoOfIndex, weekday, type IsoDate } from "./calendar-day.ts";
import { AFTER_NEW_YEAR_DAY } from "./homecoming-dates.ts";
import { lunarDate, newYearsEve } from "./lunar-days.ts";
import type { SeasonWindow } from "./seasons.ts";

export interface ReserveAnswer {
  name: string;
  answer: HomecomingAnswer;
}

export interface DayWeights {
  /** Per reserve at home (default 1). */
  perReserve: number;
  /** A weekend or statutory day off (default 0.5: breaks a tie, never outweighs a person). */
  restDay: number;
  /** One of the days just before 除夕 (default 0.5). */
  beforeEve: number;
}

export interface ProposeDaysOptions {
  season: HomecomingSeason;
  year: number;
  window: SeasonWindow;
  /** No day before this one is proposed (today, usually). */
  notBefore?: IsoDate;
  weights?: Partial<DayWeights>;
  /** How many days before 除夕 count as "just before" (default 5). */
  beforeEveDays?: number;
  /** Days never proposed. Spring Festival default: 除夕 to 初二, the family days. */
  avoid?: IsoDate[];
  /** Published arrangements, so a 调休 Saturday is a working day and a statutory holiday a day off. */
  holidays?: HolidayData;
  /** First day assumed for someone coming whose arrival is unknown. */
  assumeArrival?: IsoDate;
  /** Last day assumed for someone coming whose departure is unknown. */
  assumeDeparture?: IsoDate;
  /** How many days to propose (default 3). */
  count?: number;
}

export interface ProposedDay {
  date: IsoDate;
  /** Reserves at home that day, and who, in the order the answers came. */
  count: number;
  names: string[];
  score: number;
  restDay: boolean;
  beforeEve: boolean;
}

const DEFAULT_WEIGHTS: DayWeights = { perReserve: 1, restDay: 0.5, beforeEve: 0.5 };

/**
 * Open ends. Summer: the window's first and last day. Spring Festival: whoever comes is
 * home for 除夕's dinner, and stays at least until 过完年 (正月初六, as homecoming reads it);
 * someone arriving after that with no day to leave is assumed to stay to the window's end.
 */
function stayOf(answer: HomecomingAnswer, o: ProposeDaysOptions): { from: number; to: number } | null {
  if (answer.status !== "coming") return null;
  const festival = o.season === "spring_festival";
  const arrival = o.assumeArrival ?? (festival ? newYearsEve(o.year) : o.window.start);
  const departure = o.assumeDeparture ?? (festival ? lunarDate(o.year, 1, AFTER_NEW_YEAR_DAY)! : o.window.end);
  let to = answer.to === null ? null : dayIndex(answer.to);
  let from = answer.from === null ? dayIndex(arrival) : dayIndex(answer.from);
  if (answer.from === null && to !== null && to < from) from = dayIndex(o.window.start);
  if (to === null) to = from > dayIndex(departure) ? dayIndex(o.window.end) : dayIndex(departure);
  return from <= to ? { from, to } : null;
}

function isRestDay(date: IsoDate, holidays: HolidayData | undefined): boolean {
  const status = holidays ? workingDayStatus(date, holidays) : "unknown";
  if (status !== "unknown") return status === "holiday";
  const wd = weekday(date);
  return wd === 0 || wd === 6;
}

/**
 * The best days in the season's window, best first; days nobody is home are never
 * proposed. Ties go to more people, then to the earlier day.
 *
 * @example
 * proposeDays([{ name: "张伟", answer: { status: "coming", from: "2027-02-02", to: "2027-02-11" } }, …],
 *   { season: "spring_festival", year: 2027, window: { start: "2027-01-27", end: "2027-02-20" } })
 * // → [{ date: "2027-02-04", count: 7, names: [...], score: 8, restDay: false, beforeEve: true }, …]
 */
export function proposeDays(answers: readonly ReserveAnswer[], options: ProposeDaysOptions): ProposedDay[] {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const festival = options.season === "spring_festival";
  const eve = festival ? newYearsEve(options.year) : null;
  const avoid = new Set(options.avoid ?? (eve ? [eve, addDays(eve, 1), addDays(eve, 2)] : []));
  const beforeEveDays = options.beforeEveDays ?? 5;
  const stays = answers.map((a) => ({ name: a.name, stay: stayOf(a.answer, options) }));

  const first = Math.max(dayIndex(options.window.start), options.notBefore ? dayIndex(options.notBefore) : -Infinity);
  const days: ProposedDay[] = [];
  for (let n = first; n <= dayIndex(options.window.end); n++) {
    const date = isoOfIndex(n);
    if (avoid.has(date)) continue;
    const names = stays.filter((s) => s.stay && s.stay.from <= n && n <= s.stay.to).map((s) => s.name);
    if (names.length === 0) continue;
    const restDay = isRestDay(date, options.holidays);
    const beforeEve = eve !== null && n < dayIndex(eve) && n >= dayIndex(eve) - beforeEveDays;
    const score = weights.perReserve * names.length + (restDay ? weights.restDay : 0) + (beforeEve ? weights.beforeEve : 0);
    days.push({ date, count: names.length, names, score, restDay, beforeEve });
  }
  days.sort((a, b) => b.score - a.score || b.count - a.count || (a.date < b.date ? -1 : 1));
  return days.slice(0, options.count ?? 3);
}
