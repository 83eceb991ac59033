import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser, CHROMIUM, hasChromium } from "../support/browser.ts";
import { QS, type TestApp } from "../support/harness.ts";

// The simulator page in a real browser: Debian's chromium driven by playwright-core.
const inCi = process.env.CI === "true";
if (!hasChromium && !inCi) console.warn(`simulator browser tests skipped: ${CHROMIUM} not found (install Debian's chromium: apt-get install chromium)`);

const WAIT = 10_000;

describe("simulator page", () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!hasChromium) return;
    // Start both at once: the app's start (migrations, demo seed) is most of the time.
    ({ t, browser } = await appAndBrowser());
    context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT);
  });

  afterAll(async () => {
    if (page && !page.isClosed()) await page.screenshot({ path: "/tmp/simulator.png", fullPage: true }).catch(() => {});
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await t?.stop();
  });

  it.runIf(!hasChromium && inCi)("has chromium to test with", () => {
    expect.fail(`CI needs Debian's chromium at ${CHROMIUM} for the simulator browser tests (apt-get install chromium)`);
  });

  const bubbles = (sel = ".msg") => page.locator(`#messages ${sel}`);
  const botBubbles = () => bubbles(".msg.from-bot");

  /** Type as a member and press the send button. */
  async function send(text: string): Promise<void> {
    await page.locator("#message-input").fill(text);
    await page.locator("#send-button").click();
  }

  /** Send, then wait for the bot to answer; returns the text of its new bubbles. */
  async function sendAndAwaitBot(text: string): Promise<string[]> {
    const before = await botBubbles().count();
    await send(text);
    await botBubbles().nth(before).waitFor();
    return (await botBubbles().allTextContents()).slice(before);
  }

  it.skipIf(!hasChromium)("opens, picks the 青山镇 group and 李娟, and gets help for /帮助", async () => {
    await page.goto(`${t!.app.url}/simulator`);
    expect(await page.title()).toContain("联系群模拟器");
    const group = page.locator("#group-list button", { hasText: "青山镇" });
    expect(await group.getAttribute("data-room-id")).toBe(QS);
    await group.click();
    await page.locator("#room-title", { hasText: "青山镇" }).waitFor();
    await page.locator("#member-select").selectOption({ label: "李娟" });

    const replies = await sendAndAwaitBot("/帮助");
    expect(replies.join("\n")).toContain("/反馈");
    // What 李娟 typed shows as her bubble, and the input is cleared for the next message.
    await bubbles(".msg:not(.from-bot)").filter({ hasText: "/帮助" }).first().waitFor();
    expect(await page.locator("#message-input").inputValue()).toBe("");
    expect(await page.locator(".error").isVisible()).toBe(false);
  });

  it.skipIf(!hasChromium)("files an idea typed in the page and shows its number", async () => {
    const idea = "建议村里搞电商直播，把茶叶卖出去";
    // Enter sends as well as the button.
    const before = await botBubbles().count();
    await page.locator("#message-input").fill(idea);
    await page.locator("#message-input").press("Enter");
    await botBubbles().nth(before).waitFor();
    const replies = (await botBubbles().allTextContents()).slice(before);
    expect(replies.some((r) => r.includes("#") && r.includes("建议"))).toBe(true);
    expect(await t!.prisma.archivedMessage.count({ where: { text: idea } })).toBe(1);
  });

  it.skipIf(!hasChromium)("shows HTML-ish text literally", async () => {
    const html = "<b>粗体</b>";
    await send(html);
    const mine = bubbles(".msg:not(.from-bot)").filter({ hasText: html });
    await mine.waitFor();
    expect(await mine.locator(".bubble").textContent()).toBe(html);
    expect(await page.locator("#messages b").count()).toBe(0);
  });

  it.skipIf(!hasChromium)("keeps new lines", async () => {
    const text = "第一行\n第二行";
    await send(text);
    const mine = bubbles(".msg:not(.from-bot)").filter({ hasText: "第二行" });
    await mine.waitFor();
    expect(await mine.locator(".bubble").textContent()).toBe(text);
    const lines = await mine.locator(".bubble").evaluate((e) => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)));
    expect(lines).toBeGreaterThanOrEqual(2);
  });

  it.skipIf(!hasChromium)("shows the server's error when sending fails", async () => {
    // Pretend to be someone who is not in the group: the server refuses.
    await page.locator("#member-select").evaluate((s: HTMLSelectElement) => {
      const o = document.createElement("option");
      o.value = "wxid_not_a_member";
      o.textContent = "陌生人";
      s.append(o);
      s.value = o.value;
    });
    await send("你好");
    const error = page.locator(".error");
    await error.waitFor();
    expect(await error.textContent()).toContain("此人不在这个群里");
    // The text stays in the box so nothing typed is lost.
    expect(await page.locator("#message-input").inputValue()).toBe("你好");
  });

  it.skipIf(!hasChromium)("replays the room after a reload without duplicates", async () => {
    const count = await bubbles().count();
    await page.reload();
    await page.locator("#group-list button", { hasText: "青山镇" }).click();
    await page.locator("#messages .msg", { hasText: "<b>粗体</b>" }).waitFor();
    const ids = await bubbles().evaluateAll((els) => els.map((e) => e.getAttribute("data-message-id")));
    expect(ids.length).toBe(count);
    expect(new Set(ids).size).toBe(ids.length);
    await page.locator("#member-select").selectOption({ label: "李娟" });
  });

  it.skipIf(!hasChromium)("moves the demo's time forward: a check-in after +1周 counts in a new week", async () => {
    await page.goto(`${t!.app.url}/simulator`);
    await page.locator("#group-list button", { hasText: "青山镇" }).click();
    await page.locator("#member-select").selectOption({ label: "张伟" });
    const week = async () => Number(/本周第(\d+)次/.exec((await sendAndAwaitBot("/打卡 学习强国 30分钟")).join(""))![1]);
    const first = await week();
    expect(await week()).toBe(first + 1);
    const shown = await page.locator("#demo-now").textContent();
    await page.locator(".chip[data-forward='168']").click();
    await page.locator("#demo-now").filter({ hasNotText: shown! }).waitFor();
    expect(await week()).toBe(1);
    expect(await page.locator(".error").isVisible()).toBe(false);
  });

  it.skipIf(!hasChromium)("fits a phone-sized screen", async () => {
    await page.setViewportSize({ width: 400, height: 760 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const id of ["#group-list", "#member-select", "#message-input", "#send-button"]) expect(await page.locator(id).isVisible()).toBe(true);
    await page.screenshot({ path: "/tmp/simulator-narrow.png" });
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
