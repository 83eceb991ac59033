import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { P, QS, TestApp } from "../support/harness.ts";

describe("smoke", () => {
  let t: TestApp;
  beforeAll(async () => { t = await TestApp.start(); });
  afterAll(async () => { await t?.stop(); });
  it("answers /帮助", async () => {
    const text = await t.ask(P.lijuan, QS, "/帮助");
    expect(text).toContain("/反馈");
  });
});
