import { describe, expect, it } from "vitest";
import { backoffMs, capDay, nextCapDay, nextSendAt } from "../../src/domain/outbox-policy.ts";

const at = (iso: string) => new Date(iso);
const pace = { intervalMs: 3_000, jitterMs: 2_000 };

describe("nextSendAt", () => {
  it("keeps to the schedule when a send starts a little late, so delays do not add up", () => {
    expect(nextSendAt(at("2026-11-27T12:00:00.000Z"), at("2026-11-27T12:00:00.400Z"), pace, () => 0)).toEqual(at("2026-11-27T12:00:03.000Z"));
  });

  it("restarts from now after an idle spell, so queued messages do not go out in a burst", () => {
    expect(nextSendAt(at("2026-11-27T12:00:00.000Z"), at("2026-11-27T12:10:00.000Z"), pace, () => 0)).toEqual(at("2026-11-27T12:10:03.000Z"));
  });

  it("adds 0 to jitterMs of random delay, whose mean is half the jitter", () => {
    const due = at("2026-11-27T12:00:00.000Z");
    expect(nextSendAt(due, due, pace, () => 0).getTime() - due.getTime()).toBe(3_000);
    expect(nextSendAt(due, due, pace, () => 0.9999999).getTime() - due.getTime()).toBe(5_000);
    const small = { intervalMs: 10, jitterMs: 4 };
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += nextSendAt(due, due, small, () => i / 1000).getTime() - due.getTime();
    expect(sum / 1000).toBeCloseTo(12, 1);
  });
});

describe("backoffMs", () => {
  const policy = { backoffBaseMs: 30_000, backoffMaxMs: 3_600_000 };
  it("doubles from the base and stops at the cap, within ±20%", () => {
    expect([1, 2, 3].map((n) => backoffMs(n, policy, () => 0.5))).toEqual([30_000, 60_000, 120_000]);
    expect(backoffMs(20, policy, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(1, policy, () => 0)).toBe(24_000);
    expect(backoffMs(1, policy, () => 1)).toBe(36_000);
  });
});

describe("the daily cap's day", () => {
  it("is the Beijing calendar day, which starts at 16:00 UTC", () => {
    expect(capDay(at("2026-11-27T15:59:59Z"))).toBe("2026-11-27");
    expect(capDay(at("2026-11-27T16:00:00Z"))).toBe("2026-11-28");
    expect(nextCapDay(at("2026-11-27T10:00:00Z"))).toEqual(at("2026-11-27T16:00:00Z"));
    expect(nextCapDay(at("2026-12-31T17:00:00Z"))).toEqual(at("2027-01-01T16:00:00Z"));
  });
});
