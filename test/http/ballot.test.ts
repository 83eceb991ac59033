// The ballot page in a real browser at a phone's width: a voter types the code from
// their slip, marks each person, submits once; the same code is refused after.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestApp } from "../support/harness.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const inCi = process.env.CI === "true";
if (!hasChromium && !inCi) console.warn(`ballot page tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

describe("ballot page", () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!hasChromium) return;
    const [app, br] = await Promise.allSettled([
      TestApp.start({ http: true, jobs: false }),
      chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] }),
    ]);
    if (app.status === "fulfilled") t = app.value;
    if (br.status === "fulfilled") browser = br.value;
    if (app.status === "rejected") throw app.reason;
    if (br.status === "rejected") throw br.reason;
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN" });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    if (page && !page.isClosed()) await page.screenshot({ path: "/tmp/ballot.png", fullPage: true }).catch(() => {});
    await browser?.close().catch(() => {});
    await t?.stop();
  });

  it.runIf(!hasChromium && inCi)("has chromium to test with", () => {
    expect.fail(`CI needs Debian's chromium at ${CHROMIUM} for the ballot page tests`);
  });

  it.runIf(hasChromium)("lets a voter mark each person on a phone, once per code, and counts the marks", async () => {
    const url = t!.app.url!;
    const api = async (method: string, path: string, body?: unknown) => (await fetch(url + "/api" + path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) })).json() as Promise<any>;
    const village = await t!.prisma.area.findFirstOrThrow({ where: { name: "青山村" } });
    const people = await t!.prisma.candidate.findMany({ where: { name: { in: ["张伟", "孙丽"] } }, orderBy: { id: "asc" } });
    const round = await api("POST", "/appraisals", { villageId: village.id, candidateIds: people.map((p) => p.id), voters: 3, title: "青山村2026年度民主测评" });
    const { codes } = await api("GET", `/appraisals/${round.id}/codes`);

    await page.goto(url + "/ballot");
    // Typed as read off a slip: lower case, with a space.
    await page.locator("#code").fill(`${codes[0].slice(0, 4).toLowerCase()} ${codes[0].slice(4)}`);
    await page.locator("#open").click();
    await expect.poll(() => page.locator("#title").textContent()).toBe("青山村2026年度民主测评");
    expect(await page.locator("legend").allTextContents()).toEqual(["张伟", "孙丽"]);
    // Fits the phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator("fieldset").nth(0).getByText("优秀").click();
    await page.locator("fieldset").nth(1).getByText("基本称职").click();
    await page.locator("#cast").click();
    await expect.poll(() => page.locator("#done").isVisible()).toBe(true);

    // The same code again: refused on the page.
    await page.goto(url + "/ballot");
    await page.locator("#code").fill(codes[0]);
    await page.locator("#open").click();
    await expect.poll(() => page.locator("#error").textContent()).toBe("这个选票码已经投过票了，每个码只能投一次。");
    // A code that does not exist.
    await page.locator("#code").fill("ZZZZ2222");
    await page.locator("#open").click();
    await expect.poll(() => page.locator("#error").textContent()).toBe("没有这个选票码，请对照纸条重新输入。");

    const tally = await api("GET", `/appraisals/${round.id}`);
    expect(tally).toMatchObject({ issued: 3, used: 1 });
    expect(tally.people.map((p: any) => [p.name, p.verdict])).toEqual([["张伟", "excellent"], ["孙丽", "basic"]]);
  });
});
