// The package ships no types; these cover only what Miaopu calls.
declare module "lunar-javascript" {
  export class Solar {
    static fromYmd(year: number, month: number, day: number): Solar;
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    toYmd(): string;
    getLunar(): Lunar;
  }
  export class Lunar {
    /** A negative month is the leap month of that number. Throws for a day the month does not have. */
    static fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): Lunar;
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    getSolar(): Solar;
    next(days: number): Lunar;
  }
  export class LunarMonth {
    static fromYm(lunarYear: number, lunarMonth: number): LunarMonth | null;
    getDayCount(): number;
  }
  export class Holiday {
    /** "2026-02-14" */
    getDay(): string;
    getName(): string;
    /** True for a weekend day worked in exchange (调休上班). */
    isWork(): boolean;
  }
  export const HolidayUtil: {
    getHolidays(year: number): Holiday[];
  };
}
