import { describe, expect, it } from "vitest";
import { readPhone } from "../../../src/domain/survey/phone-input.ts";

describe("readPhone", () => {
  it.each(["13812345678", "138-1234-5678", "138 1234 5678", "１３８１２３４５６７８", "+86 138 1234 5678", "0086-13812345678", "(138)12345678"])(
    "reads %j as 13812345678",
    (written) => {
      expect(readPhone(written)).toMatchObject({ ok: true, phone: "13812345678" });
    },
  );

  it("reads a number cell", () => {
    expect(readPhone(13812345678)).toMatchObject({ ok: true, phone: "13812345678", notes: [] });
  });

  it("keeps the first mobile of two and hands back the other", () => {
    expect(readPhone("13812345678/13987654321")).toMatchObject({ ok: true, phone: "13812345678", others: ["13987654321"] });
    expect(readPhone("0571-88889999、13812345678")).toMatchObject({ ok: true, phone: "13812345678", others: ["057188889999"] });
  });

  it("keeps a landline with a warning", () => {
    const r = readPhone("0571-88889999");
    expect(r).toMatchObject({ ok: true, phone: "057188889999" });
    expect(r.ok && r.warnings[0]).toMatch(/座机/);
  });

  it("says what is wrong with a number that is no phone", () => {
    expect(readPhone("1381234567")).toMatchObject({ ok: false, reason: expect.stringMatching(/10位，手机号应为11位/) });
    expect(readPhone("12812345678")).toMatchObject({ ok: false, reason: expect.stringMatching(/第二位/) });
    expect(readPhone("无")).toMatchObject({ ok: false, reason: expect.stringMatching(/不是手机号/) });
  });
});
