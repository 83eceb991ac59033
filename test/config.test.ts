import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("loadConfig", () => {
  it("starts on embedded defaults with nothing set", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: "pglite:./data/pglite",
      http: { host: "127.0.0.1", port: 3000 },
      wechaty: { puppet: "wechaty-puppet-mock" },
      demoData: true,
    });
  });

  it("takes PostgreSQL and a real puppet, and turns the demo off with it", () => {
    const c = loadConfig({ DATABASE_URL: "postgresql://miaopu@db:5432/county", WECHATY_PUPPET: "wechaty-puppet-wechat4u", HTTP_PORT: "8080" });
    expect(c).toMatchObject({ databaseUrl: "postgresql://miaopu@db:5432/county", demoData: false, http: { port: 8080 } });
  });

  it("names each bad variable and what it expects", () => {
    let err: unknown;
    try {
      loadConfig({ DATABASE_URL: "mysql://x", HTTP_PORT: "eighty", DEMO_DATA: "maybe" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain("DATABASE_URL: expected pglite:<folder>");
    expect(msg).toContain("HTTP_PORT");
    expect(msg).toContain("DEMO_DATA");
  });

  it("refuses to expose the API beyond loopback without a token", () => {
    expect(() => loadConfig({ HTTP_HOST: "0.0.0.0" })).toThrow(/API_TOKEN: required when HTTP_HOST \(0\.0\.0\.0\)/);
    expect(loadConfig({ HTTP_HOST: "0.0.0.0", API_TOKEN: "a-long-enough-token" }).http.apiToken).toBe("a-long-enough-token");
  });

  it("uses the rules alone unless an OpenAI-compatible endpoint is set, which then needs a model", () => {
    expect(loadConfig({}).llm).toBeNull();
    expect(() => loadConfig({ OPENAI_BASE_URL: "http://127.0.0.1:8000/v1" })).toThrow(/OPENAI_MODEL: required/);
    expect(loadConfig({ OPENAI_BASE_URL: "http://127.0.0.1:8000/v1", OPENAI_MODEL: "qwen" }).llm).toMatchObject({ model: "qwen", timeoutMs: 8000 });
  });

  it("paces the outbox safely for a personal WeChat account by default", () => {
    expect(loadConfig({}).outbox).toMatchObject({ intervalMs: 3000, jitterMs: 2000, conversationIntervalMs: 30_000, dailyCap: 300, maxAttempts: 6, rateLimitPauseMs: 3_600_000 });
    expect(loadConfig({ OUTBOX_INTERVAL_SECONDS: "0.01", OUTBOX_DAILY_CAP: "5000" }).outbox).toMatchObject({ intervalMs: 10, dailyCap: 5000 });
    expect(loadConfig({}).reminderCatchUpMs).toBe(2 * 3_600_000);
    expect(() => loadConfig({ OUTBOX_DAILY_CAP: "0", OUTBOX_INTERVAL_SECONDS: "-1" })).toThrow(/OUTBOX_INTERVAL_SECONDS[\s\S]*OUTBOX_DAILY_CAP|OUTBOX_DAILY_CAP[\s\S]*OUTBOX_INTERVAL_SECONDS/);
  });

  it("takes the weekly study round's time as any cron line the scheduler's engine runs", () => {
    // A light touch by default: the silent hear privately, the group summary names nobody.
    expect(loadConfig({}).study).toEqual({ summaryCron: "0 20 * * 0", silentDays: 7, nudge: "private", summaryNames: false });
    expect(loadConfig({ STUDY_SUMMARY_CRON: "0 9 * * 1", STUDY_NUDGE: "mention", STUDY_SUMMARY_NAMES: "true" }).study).toMatchObject({ summaryCron: "0 9 * * 1", nudge: "mention", summaryNames: true });
    expect(loadConfig({ STUDY_SUMMARY_CRON: "0 20 L * *" }).study.summaryCron).toBe("0 20 L * *");
    expect(loadConfig({ STUDY_SUMMARY_CRON: "0 20 * * 5L" }).study.summaryCron).toBe("0 20 * * 5L");
    expect(() => loadConfig({ STUDY_SUMMARY_CRON: "0 25 * * 0" })).toThrow(/STUDY_SUMMARY_CRON: expected a 5-field cron line .*小时“25”/);
    expect(() => loadConfig({ STUDY_SUMMARY_CRON: "0 0 20 * * 0" })).toThrow(/STUDY_SUMMARY_CRON: .*cron 表达式只能写5段/);
    expect(() => loadConfig({ STUDY_SUMMARY_CRON: "0 0 30 2 *" })).toThrow(/STUDY_SUMMARY_CRON: .*never fires/);
    expect(() => loadConfig({ STUDY_NUDGE: "loud" })).toThrow(/STUDY_NUDGE/);
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", HTTP_PORT: "" }).http.port).toBe(3000);
  });
});
