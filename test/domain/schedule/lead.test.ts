import { describe, expect, it } from "vitest";
import { MAX_LEAD_MINUTES, parseLead } from "../../../src/domain/schedule/lead.ts";

describe("parseLead: how long before a one-off its reminder goes", () => {
  it.each([
    ["1天", 1440],
    ["一天", 1440],
    ["2小时", 120],
    ["两小时", 120],
    ["3个小时", 180],
    ["30分钟", 30],
    ["半天", 720],
    ["半小时", 30],
    ["２小时", 120],
  ])("%s → %i minutes", (text, minutes) => {
    expect(parseLead(text)).toBe(minutes);
  });

  it.each(["", "一会儿", "0分钟", "1.5小时", "31天", "明天"])("refuses %j", (text) => {
    expect(parseLead(text)).toBeNull();
  });

  it("allows up to thirty days", () => {
    expect(parseLead("30天")).toBe(MAX_LEAD_MINUTES);
  });
});
