// /帮助 is generated from the installed features. With every feature installed it must
// still fit in one reply (replies are cut at MAX_REPLY_CHARS), so the bare list is one
// line per command and `/帮助 命令名` gives one command's usage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REPLY_CHARS } from "../../src/core/bot.ts";
import { atLeast } from "../../src/domain/permissions.ts";
import { FEATURES } from "../../src/features/index.ts";
import { commandsOf } from "../../src/features/install.ts";
import { P, QS, TestApp } from "../support/harness.ts";

describe("/帮助", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ jobs: false });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("lists every command the county administrator may use, whole, in one reply", async () => {
    const text = await t.ask(P.county, QS, "/帮助");
    expect([...text].length).toBeLessThan(MAX_REPLY_CHARS);
    for (const c of commandsOf(FEATURES)) expect(text).toMatch(new RegExp(`/${c.names[0]}( /[a-z-]+)? — `));
    expect(text).toContain("/帮助 命令名");
  });

  it("shows a reserve only what a reserve may use", async () => {
    const text = await t.ask(P.lijuan, QS, "/帮助");
    for (const c of commandsOf(FEATURES)) {
      const line = new RegExp(`/${c.names[0]}( /[a-z-]+)? — `);
      if (atLeast("reserve", c.minRole)) expect(text).toMatch(line);
      else expect(text).not.toMatch(line);
    }
  });

  it("gives one command's usage by its Chinese or English name, full-width or not", async () => {
    const reminders = commandsOf(FEATURES).find((c) => c.names[0] === "提醒")!;
    expect(await t.ask(P.qsOrganiser, QS, "/帮助 提醒")).toContain(`写法：${reminders.usage}`);
    expect(await t.ask(P.qsOrganiser, QS, "／ｈｅｌｐ　ＲＥＭＩＮＤ".replace("ＲＥＭＩＮＤ", reminders.names[1]!.toUpperCase()))).toContain(`写法：${reminders.usage}`);
  });

  it("says so when the command does not exist or is not the asker's", async () => {
    expect(await t.ask(P.lijuan, QS, "/帮助 不存在的命令")).toBe("没有您可用的“/不存在的命令”命令。发 /帮助 查看全部可用命令。");
    expect(await t.ask(P.lijuan, QS, "/帮助 外发")).toContain("没有您可用的“/外发”命令");
  });
});
