import { describe, expect, it } from "vitest";
import { CATEGORY, CATEGORY_ALIASES, fromLabel, REMINDER_KIND, REMINDER_KIND_ALIASES } from "../../src/domain/glossary.ts";

describe("fromLabel", () => {
  it("finds a code by its Chinese label, an alias, or the code itself", () => {
    expect(fromLabel(CATEGORY, "大学毕业生")).toBe("graduate");
    expect(fromLabel(CATEGORY, "大学生", CATEGORY_ALIASES)).toBe("graduate");
    expect(fromLabel(CATEGORY, "veteran")).toBe("veteran");
    expect(fromLabel(REMINDER_KIND, "党日", REMINDER_KIND_ALIASES)).toBe("party_day");
  });

  it("does not take what every object has for a code", () => {
    for (const word of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      expect(fromLabel(CATEGORY, word, CATEGORY_ALIASES)).toBeUndefined();
      expect(fromLabel(REMINDER_KIND, word, REMINDER_KIND_ALIASES)).toBeUndefined();
    }
  });
});
