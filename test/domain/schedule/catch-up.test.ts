import { describe, expect, it } from "vitest";
import { dueFirings } from "../../../src/domain/schedule/catch-up.ts";
import { MAX_FIRINGS } from "../../../src/domain/schedule/firings.ts";
import { cron, H, sh, spec } from "./fixtures.ts";

describe("dueFirings: what to do with firings missed while the bot was down", () => {
  const daily = () => spec("每天 20:00");

  it("sends a firing that is due now", () => {
    expect(dueFirings(daily(), sh(2026, 11, 27, 20, 0), sh(2026, 11, 27, 20, 0), 2 * H)).toEqual({
      send: sh(2026, 11, 27, 20, 0),
      skipped: [],
      truncated: false,
      next: sh(2026, 11, 28, 20, 0),
    });
  });

  it("sends a firing missed by less than the window, late", () => {
    const r = dueFirings(daily(), sh(2026, 11, 27, 20, 0), sh(2026, 11, 27, 21, 30), 2 * H);
    expect(r.send).toEqual(sh(2026, 11, 27, 20, 0));
    expect(r.skipped).toEqual([]);
  });

  it("skips a firing missed by more than the window", () => {
    const r = dueFirings(daily(), sh(2026, 11, 27, 20, 0), sh(2026, 11, 27, 22, 30), 2 * H);
    expect(r).toEqual({ send: null, skipped: [sh(2026, 11, 27, 20, 0)], truncated: false, next: sh(2026, 11, 28, 20, 0) });
  });

  it("after three days down sends only the latest still useful firing and skips the rest", () => {
    const r = dueFirings(daily(), sh(2026, 11, 25, 20, 0), sh(2026, 11, 27, 21, 0), 2 * H);
    expect(r.send).toEqual(sh(2026, 11, 27, 20, 0));
    expect(r.skipped).toEqual([sh(2026, 11, 25, 20, 0), sh(2026, 11, 26, 20, 0)]);
  });

  it("of several firings inside the window sends one, the latest", () => {
    const r = dueFirings(cron("0,30 * * * *"), sh(2026, 11, 27, 9, 0), sh(2026, 11, 27, 10, 10), 2 * H);
    expect(r.send).toEqual(sh(2026, 11, 27, 10, 0));
    expect(r.skipped).toEqual([sh(2026, 11, 27, 9, 0), sh(2026, 11, 27, 9, 30)]);
  });

  it("treats the pending time as a firing even when it is off the schedule's grid", () => {
    const r = dueFirings(spec("每月1日 9:00"), sh(2026, 11, 27, 10, 0), sh(2026, 11, 27, 10, 1), 2 * H);
    expect(r.send).toEqual(sh(2026, 11, 27, 10, 0));
    expect(r.next).toEqual(sh(2026, 12, 1, 9, 0));
  });

  it("ends a one-off once it has fired", () => {
    const r = dueFirings(spec("明天 9:00"), sh(2026, 11, 28, 9, 0), sh(2026, 11, 28, 9, 0), 2 * H);
    expect(r).toEqual({ send: sh(2026, 11, 28, 9, 0), skipped: [], truncated: false, next: null });
  });

  it("lists at most MAX_FIRINGS skipped firings of a long outage and says there were more", () => {
    const r = dueFirings(cron("* * * * *"), sh(2026, 11, 20, 0, 0), sh(2026, 11, 27, 10, 0), 2 * H);
    expect(r.skipped.length).toBeLessThanOrEqual(2 * MAX_FIRINGS);
    expect(r.truncated).toBe(true);
    expect(r.send).toEqual(sh(2026, 11, 27, 10, 0));
  });
});

describe("dueFirings with every other week", () => {
  it("moves on two weeks, not one", () => {
    const s = spec("每隔一周的周日 10:00");
    const r = dueFirings(s, sh(2026, 11, 29, 10, 0), sh(2026, 11, 29, 10, 30), 2 * H);
    expect(r).toEqual({ send: sh(2026, 11, 29, 10, 0), skipped: [], truncated: false, next: sh(2026, 12, 13, 10, 0) });
  });

  it("skips only the firing weeks during a long outage", () => {
    const s = spec("每隔一周的周日 10:00");
    const r = dueFirings(s, sh(2026, 11, 29, 10, 0), sh(2026, 12, 30, 9, 0), 2 * H);
    expect(r).toEqual({ send: null, skipped: [sh(2026, 11, 29, 10, 0), sh(2026, 12, 13, 10, 0), sh(2026, 12, 27, 10, 0)], truncated: false, next: sh(2027, 1, 10, 10, 0) });
  });
});
