import { describe, expect, it } from "vitest";
import { parseBirth } from "../../../src/domain/survey/birth.ts";

describe("parseBirth", () => {
  it.each([
    ["1996.03", 1996, 3],
    ["1996-03", 1996, 3],
    ["1996/3", 1996, 3],
    ["1996年3月", 1996, 3],
    ["1996年03月05日", 1996, 3],
    ["1996.3.5", 1996, 3],
    ["199603", 1996, 3],
    ["19960305", 1996, 3],
    ["１９９６．０３", 1996, 3],
    [" 1996.10 ", 1996, 10],
  ])("reads %j as %i-%i", (text, year, month) => {
    expect(parseBirth(text)).toMatchObject({ ok: true, year, month });
  });

  it("reads a bare year without inventing a month", () => {
    expect(parseBirth("1996")).toEqual({ ok: true, year: 1996 });
    expect(parseBirth("1996年")).toEqual({ ok: true, year: 1996 });
    expect(parseBirth(1996)).toEqual({ ok: true, year: 1996 });
  });

  it("reads a date cell in UTC, as the spreadsheet stores it", () => {
    expect(parseBirth(new Date(Date.UTC(1996, 2, 31)))).toEqual({ ok: true, year: 1996, month: 3 });
  });

  it("reads an Excel serial number that lost its date format, and says so", () => {
    const r = parseBirth(35125); // 1996-03-01
    expect(r).toMatchObject({ ok: true, year: 1996, month: 3 });
    expect(r.ok && r.note).toMatch(/Excel日期序号/);
  });

  it("reads 1996.03 typed into a number cell, and 1996.10 when the format keeps two places", () => {
    expect(parseBirth(1996.03)).toMatchObject({ ok: true, year: 1996, month: 3 });
    expect(parseBirth(1996.1, "0.00")).toMatchObject({ ok: true, year: 1996, month: 10 });
    expect(parseBirth(199603)).toMatchObject({ ok: true, year: 1996, month: 3 });
  });

  it("does not guess between January and October when Excel dropped the zero", () => {
    const r = parseBirth(1996.1);
    expect(r).toMatchObject({ ok: true, year: 1996 });
    expect(r.ok && r.month).toBeUndefined();
    expect(r.ok && r.note).toMatch(/1月也可能是10月/);
  });

  it("reads a two-digit year and says how", () => {
    expect(parseBirth("96.03")).toMatchObject({ ok: true, year: 1996, month: 3, note: expect.stringMatching(/1996年3月/) });
  });

  it("explains what it cannot read", () => {
    expect(parseBirth("1996.13")).toEqual({ ok: false, reason: "出生年月“1996.13”的月份13不对" });
    expect(parseBirth("九六年")).toMatchObject({ ok: false, reason: expect.stringMatching(/看不懂/) });
    expect(parseBirth("1996.02.30")).toMatchObject({ ok: false, reason: expect.stringMatching(/不存在/) });
  });
});
