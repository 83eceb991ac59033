import { describe, expect, it } from "vitest";
import { CN_NUMERAL, formatCnNumber, parseCnNumber } from "../../src/domain/cn-number.ts";

describe("parseCnNumber", () => {
  it.each([
    ["零", 0],
    ["〇", 0],
    ["一", 1],
    ["两", 2],
    ["二", 2],
    ["九", 9],
    ["十", 10],
    ["十五", 15],
    ["二十", 20],
    ["二十三", 23],
    ["五十九", 59],
    ["零五", 5],
    ["〇八", 8],
    ["一百", 100],
    ["两百", 200],
    ["一百零五", 105],
    ["一百〇五", 105],
    ["一百五", 150],
    ["一百一十", 110],
    ["一百二十五", 125],
    ["九百九十九", 999],
    ["0", 0],
    ["30", 30],
    ["600", 600],
    ["１５", 15],
  ])("%s → %i", (text, n) => {
    expect(parseCnNumber(text)).toBe(n);
  });

  it("reads decimals only where the caller allows them", () => {
    expect(parseCnNumber("1.5")).toBeNull();
    expect(parseCnNumber("1.5", { decimals: true })).toBe(1.5);
    expect(parseCnNumber("０.２５", { decimals: true })).toBe(0.25);
    expect(parseCnNumber("一点五", { decimals: true })).toBeNull();
  });

  it.each(["", "百", "一千", "十十", "五十五十", "零零", "一百零", "二三", "1.", ".5", "1,000", "三个", "-1", "十五 "])("refuses %j", (text) => {
    expect(parseCnNumber(text, { decimals: true })).toBeNull();
  });

  it("offers a pattern that finds the numeral inside a phrase", () => {
    const m = new RegExp(`^(${CN_NUMERAL})分钟$`).exec("一百零五分钟");
    expect(parseCnNumber(m![1]!)).toBe(105);
  });
});

describe("formatCnNumber", () => {
  it.each([
    [0, "零"],
    [2, "二"],
    [10, "十"],
    [12, "十二"],
    [30, "三十"],
    [99, "九十九"],
    [100, "100"],
  ])("%i → %s", (n, text) => {
    expect(formatCnNumber(n)).toBe(text);
  });

  it("reads back what it writes", () => {
    for (let n = 0; n < 100; n++) expect(parseCnNumber(formatCnNumber(n))).toBe(n);
  });
});
