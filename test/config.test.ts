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

  it("reads the areas kept off the model as a list, however separated, and checks the digest's cron line", () => {
    const c = loadConfig({ OPENAI_BASE_URL: "http://127.0.0.1:8000/v1", OPENAI_MODEL: "qwen", LLM_DISABLED_AREAS: "青山镇，白水乡、 331122 " });
    expect(c.llm).toMatchObject({ disabledAreas: ["青山镇", "白水乡", "331122"], concurrency: 2, maxAttempts: 4, reviewBelow: 0.6 });
    expect(loadConfig({}).digest).toEqual({ cron: "0 8 * * 1", quietWeeks: 3 });
    expect(() => loadConfig({ DIGEST_CRON: "every monday" })).toThrow(/DIGEST_CRON: expected a 5-field cron line/);
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

  it("turns WeCom on only when its variables are set, and checks them", () => {
    expect(loadConfig({}).wecom).toMatchObject({ bot: null, robots: [], callback: null });
    const c = loadConfig({
      WECOM_BOT_ID: "aib-1",
      WECOM_BOT_SECRET: "s",
      WECOM_ROBOTS: "青山镇联系群@青山镇=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa; 白水乡通知群@白水乡=0b1c2d3e-aaaa",
    });
    expect(c.wecom.bot).toEqual({ botId: "aib-1", secret: "s", botName: "苗圃助手", wsUrl: "wss://openws.work.weixin.qq.com" });
    expect(c.wecom.robots.map((r) => [r.name, r.area])).toEqual([["青山镇联系群", "青山镇"], ["白水乡通知群", "白水乡"]]);
    expect(c.wechaty.enabled).toBe(true);
    expect(() => loadConfig({ WECOM_BOT_ID: "aib-1" })).toThrow(/WECOM_BOT_SECRET: WECOM_BOT_ID and WECOM_BOT_SECRET go together/);
    expect(() => loadConfig({ WECOM_ROBOTS: "青山镇联系群=abc" })).toThrow(/WECOM_ROBOTS.*群名@地名=webhook key/);
    expect(() => loadConfig({ WECOM_CALLBACK_TOKEN: "t" })).toThrow(/WECOM_CALLBACK_TOKEN, WECOM_CALLBACK_AES_KEY and WECOM_CORP_ID go together/);
    expect(() => loadConfig({ WECHAT_ENABLED: "false" })).toThrow(/WECHAT_ENABLED: with WeChat off/);
    expect(loadConfig({ WECHAT_ENABLED: "false", WECOM_BOT_ID: "a", WECOM_BOT_SECRET: "b" }).wechaty.enabled).toBe(false);
    // Private messages to people with several accounts: as addressed unless a preference is set.
    expect(loadConfig({}).privatePreference).toEqual([]);
    expect(loadConfig({ PRIVATE_CHANNEL_PREFERENCE: "wecom, wechat" }).privatePreference).toEqual(["wecom", "wechat"]);
    expect(() => loadConfig({ PRIVATE_CHANNEL_PREFERENCE: "企业微信" })).toThrow(/PRIVATE_CHANNEL_PREFERENCE/);
  });
});
