import { describe, expect, it } from "vitest";
import { firingsBetween, MAX_FIRINGS, nextFiring } from "../../../src/domain/schedule/firings.ts";
import { cron, NOW, sh, spec } from "./fixtures.ts";

describe("nextFiring", () => {
  it("crosses the year end", () => {
    const next = nextFiring(spec("每天 20:00"), sh(2026, 12, 31, 21, 0));
    expect(next).toEqual(sh(2027, 1, 1, 20, 0));
    expect(next!.toISOString()).toBe("2027-01-01T12:00:00.000Z");
  });

  it("fires strictly after the given instant", () => {
    const s = spec("每天 20:00");
    expect(nextFiring(s, sh(2026, 11, 27, 20, 0))).toEqual(sh(2026, 11, 28, 20, 0));
    expect(nextFiring(s, new Date(sh(2026, 11, 27, 19, 59).getTime() + 30_000))).toEqual(sh(2026, 11, 27, 20, 0));
  });

  it("wraps a weekly schedule round to the next week", () => {
    const s = spec("每周一三五 20:00");
    // Friday 20:00 has just fired; next is Monday.
    expect(nextFiring(s, sh(2026, 11, 27, 20, 0))).toEqual(sh(2026, 11, 30, 20, 0));
    expect(nextFiring(s, sh(2026, 11, 30, 20, 0))).toEqual(sh(2026, 12, 2, 20, 0));
    expect(nextFiring(spec("每周日 9点"), sh(2026, 11, 29, 9, 30))).toEqual(sh(2026, 12, 6, 9, 0));
  });

  it("skips the weekend for 工作日", () => {
    const s = spec("工作日 8:00");
    expect(nextFiring(s, sh(2026, 11, 27, 9, 0))).toEqual(sh(2026, 11, 30, 8, 0));
    expect(nextFiring(s, sh(2026, 11, 28, 7, 0))).toEqual(sh(2026, 11, 30, 8, 0));
  });

  it("returns a one-off until it has passed", () => {
    const s = spec("明天 9:00");
    expect(nextFiring(s, NOW)).toEqual(sh(2026, 11, 28, 9, 0));
    expect(nextFiring(s, sh(2026, 11, 28, 9, 0))).toBeNull();
  });

  it("reads wall-clock times in the given zone, across the UTC day boundary", () => {
    const s = spec("每天 7:30");
    const after = new Date("2026-11-27T00:00:00Z"); // 08:00 on the 27th in Shanghai
    expect(nextFiring(s, after)).toEqual(new Date("2026-11-27T23:30:00Z")); // 07:30 on the 28th
    expect(nextFiring(s, after, "UTC")).toEqual(new Date("2026-11-27T07:30:00Z"));
    const s20 = spec("每天 20:00");
    const a = nextFiring(s20, after, "Asia/Shanghai")!;
    const b = nextFiring(s20, after, "UTC")!;
    expect(b.getTime() - a.getTime()).toBe(8 * 3600_000);
  });

  it("follows daylight saving in a zone that has it", () => {
    const s = cron("0 9 * * *");
    expect(nextFiring(s, new Date("2027-03-13T12:00:00Z"), "America/New_York")).toEqual(new Date("2027-03-13T14:00:00Z"));
    expect(nextFiring(s, new Date("2027-03-14T12:00:00Z"), "America/New_York")).toEqual(new Date("2027-03-14T13:00:00Z"));
  });
});

describe("firingsBetween", () => {
  it("lists the firings missed during a 3-hour downtime", () => {
    const s = cron("0,30 * * * *");
    expect(firingsBetween(s, sh(2026, 11, 27, 9, 10), sh(2026, 11, 27, 12, 10))).toEqual([
      sh(2026, 11, 27, 9, 30),
      sh(2026, 11, 27, 10, 0),
      sh(2026, 11, 27, 10, 30),
      sh(2026, 11, 27, 11, 0),
      sh(2026, 11, 27, 11, 30),
      sh(2026, 11, 27, 12, 0),
    ]);
    expect(firingsBetween(spec("每天晚上8点"), sh(2026, 11, 27, 19, 0), sh(2026, 11, 27, 22, 0))).toEqual([sh(2026, 11, 27, 20, 0)]);
  });

  it("excludes `from` and includes `to`", () => {
    const s = cron("0,30 * * * *");
    expect(firingsBetween(s, sh(2026, 11, 27, 9, 30), sh(2026, 11, 27, 10, 30))).toEqual([sh(2026, 11, 27, 10, 0), sh(2026, 11, 27, 10, 30)]);
  });

  it("returns nothing when nothing was missed", () => {
    expect(firingsBetween(spec("每天 20:00"), sh(2026, 11, 27, 10, 0), sh(2026, 11, 27, 13, 0))).toEqual([]);
  });

  it("includes a one-off only inside the window", () => {
    const s = spec("明天 9:00");
    expect(firingsBetween(s, sh(2026, 11, 28, 8, 0), sh(2026, 11, 28, 11, 0))).toEqual([sh(2026, 11, 28, 9, 0)]);
    expect(firingsBetween(s, sh(2026, 11, 28, 9, 0), sh(2026, 11, 28, 11, 0))).toEqual([]);
  });

  it("stops at MAX_FIRINGS, keeping the earliest", () => {
    const out = firingsBetween(cron("* * * * *"), NOW, sh(2026, 11, 28));
    expect(out).toHaveLength(MAX_FIRINGS);
    expect(out[0]).toEqual(sh(2026, 11, 27, 10, 1));
  });
});

describe("every n-th week", () => {
  const everyOtherSunday = (anchor: string) => cron("0 10 * * 0", { n: 2, anchor });

  it("fires only in the anchor's week and every n-th after it, before and after the anchor", () => {
    const s = everyOtherSunday("2026-11-23");
    expect(nextFiring(s, NOW)).toEqual(sh(2026, 11, 29, 10, 0));
    expect(nextFiring(s, sh(2026, 11, 29, 10, 0))).toEqual(sh(2026, 12, 13, 10, 0));
    // Weeks before the anchor keep the same rhythm: Sunday 1 and 15 November.
    expect(nextFiring(s, sh(2026, 11, 1))).toEqual(sh(2026, 11, 1, 10, 0));
    expect(nextFiring(s, sh(2026, 11, 1, 10, 0))).toEqual(sh(2026, 11, 15, 10, 0));
    expect(nextFiring(everyOtherSunday("2026-11-30"), NOW)).toEqual(sh(2026, 12, 6, 10, 0));
  });

  it("counts from the anchor's week when the anchor is not a Monday", () => {
    expect(nextFiring(everyOtherSunday("2026-11-29"), NOW)).toEqual(sh(2026, 11, 29, 10, 0));
  });

  it("lists only the firing weeks", () => {
    const s = cron("0 9 * * 1-5", { n: 2, anchor: "2026-11-30" });
    expect(firingsBetween(s, NOW, sh(2026, 12, 20)).map((d) => d.getUTCDate())).toEqual([30, 1, 2, 3, 4, 14, 15, 16, 17, 18]);
  });

  it("throws on a malformed stored interval", () => {
    expect(() => nextFiring(cron("0 9 * * 1", { n: 2, anchor: "2026-13-01" }), NOW)).toThrow();
    expect(() => nextFiring(cron("0 9 * * 1", { n: 0, anchor: "2026-11-30" }), NOW)).toThrow();
  });
});
