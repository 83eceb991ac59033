import { describe, expect, it } from "vitest";
import { checkIdNumber, idCheckDigit, maskIdNumber } from "../../../src/domain/survey/id-number.ts";

const TODAY = new Date("2026-11-30T00:00:00Z");

describe("checkIdNumber", () => {
  it("accepts the standard's example and reads birth date and sex from it", () => {
    // GB 11643-1999's worked example: a woman born 1949-12-31 in Beijing's 朝阳区.
    expect(checkIdNumber("11010519491231002X", TODAY)).toEqual({
      ok: true,
      idNumber: "11010519491231002X",
      birth: { year: 1949, month: 12, day: 31 },
      gender: "female",
    });
    expect(idCheckDigit("11010519491231002")).toBe("X");
  });

  it("takes the number as people paste it: lower-case x, full-width digits, spaces, an apostrophe", () => {
    for (const written of ["11010519491231002x", "１１０１０５１９４９１２３１００２Ｘ", "110105 19491231 002X", "'11010519491231002X"]) {
      expect(checkIdNumber(written, TODAY)).toMatchObject({ ok: true, idNumber: "11010519491231002X" });
    }
  });

  it("finds a mistyped digit by the check character", () => {
    const r = checkIdNumber("11010519491231003X", TODAY);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/校验位不符/);
  });

  it("says how long the number is when it is not 18", () => {
    expect(checkIdNumber("1101051949123100", TODAY)).toEqual({ ok: false, reason: "身份证号应为18位，“1101051949123100”是16位" });
  });

  it("rejects impossible dates and unknown provinces", () => {
    expect(checkIdNumber(`110105199902300${"12"}` + idCheckDigit("11010519990230012"), TODAY)).toMatchObject({ ok: false, reason: expect.stringMatching(/不存在/) });
    const future = `11010520300101001`;
    expect(checkIdNumber(future + idCheckDigit(future), TODAY)).toMatchObject({ ok: false, reason: expect.stringMatching(/不合常理/) });
    const nowhere = `99010519491231002`;
    expect(checkIdNumber(nowhere + idCheckDigit(nowhere), TODAY)).toMatchObject({ ok: false, reason: expect.stringMatching(/前两位/) });
  });

  it("converts a 15-digit first-generation number to the 18-digit one and says so", () => {
    // The 15-digit form of the standard's example: 19 inserted before the year, check character added.
    expect(checkIdNumber("110105491231002", TODAY)).toMatchObject({ ok: true, idNumber: "11010519491231002X", from15: "110105491231002", gender: "female" });
  });

  it("reads the sex from the 17th digit: odd for men", () => {
    const man = "33012719960301001";
    expect(checkIdNumber(man + idCheckDigit(man), TODAY)).toMatchObject({ ok: true, gender: "male" });
  });
});

describe("maskIdNumber", () => {
  it("keeps the region and the last four", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110105********002X");
    expect(maskIdNumber(null)).toBe("");
  });
});
