import { describe, expect, it } from "vitest";
import { isMobile, maskPhone } from "../../src/domain/phone.ts";

describe("maskPhone", () => {
  it("shows only the first three and last four digits", () => {
    expect(maskPhone("13812341234")).toBe("138****1234");
    expect(maskPhone("138-1234-1234")).toBe("138****1234");
  });
  it("never shows a short number whole, and says when there is none", () => {
    expect(maskPhone("12345")).toBe("****");
    expect(maskPhone(null)).toBe("未登记");
  });
  it("recognises mainland mobile numbers", () => {
    expect(isMobile("13812341234")).toBe(true);
    expect(isMobile("12812341234")).toBe(false);
    expect(isMobile("1381234123")).toBe(false);
  });
});
