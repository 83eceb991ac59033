import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser, CHROMIUM, hasChromium } from "../support/browser.ts";
import { BS, P, QS, type TestApp } from "../support/harness.ts";

// The 培养 pages of the workbench in a real chromium at a phone's width: 结对帮带 and a
// person's 成长档案 with the stage move, as 陈委员 (organiser of 青山镇), and what 刘委员
// (organiser of 白水乡) cannot see or do there.
const inCi = process.env.CI === "true";
if (!hasChromium && !inCi) console.warn(`cultivation page tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const WAIT = 15_000;
const SHOTS = "/tmp/workbench-cultivation";

describe("workbench cultivation pages", () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let page: Page;

  const idOf = async (name: string) => (await t!.prisma.candidate.findFirstOrThrow({ where: { name } })).id;
  const stageOf = async (name: string) => (await t!.prisma.candidate.findFirstOrThrow({ where: { name } })).stage;
  const audits = (action: string, outcome: string) => t!.prisma.auditLog.count({ where: { action, outcome } });

  /** A phone-sized browser signed in as the cadre, with a code from /登录 said in their group. */
  async function signedIn(wxid: string, room: string): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 375, height: 800 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", isMobile: true });
    contexts.push(context);
    const p = await context.newPage();
    p.setDefaultTimeout(WAIT);
    const replies = await t!.say(wxid, room, "/登录");
    const code = replies.find((r) => r.toId === wxid)?.text.match(/登录码：(\d{6})/)?.[1];
    expect(code, JSON.stringify(replies)).toBeDefined();
    await p.goto(`${t!.app.url}/workbench/login`);
    await p.locator("input[name=code]").fill(code!);
    await p.locator("button[type=submit]").click();
    await p.waitForURL(/\/workbench\/$/);
    return p;
  }

  /** Submit a form and wait for the page the server answers with. */
  async function submit(p: Page, form: string): Promise<void> {
    await Promise.all([p.waitForEvent("load"), p.locator(`${form} button[type=submit]`).click()]);
  }

  /** The page fits a 375-px phone: nothing wider than the screen (tables scroll in their own box). */
  async function fitsPhone(p: Page, name: string): Promise<void> {
    await p.screenshot({ path: `${SHOTS}-${name}-375.png`, fullPage: true });
    expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} at 375 px`).toBeLessThanOrEqual(0);
  }

  beforeAll(async () => {
    if (!hasChromium) return;
    ({ t, browser } = await appAndBrowser());
    page = await signedIn(P.qsOrganiser, QS);
  }, 60_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await t?.stop();
  });

  it.runIf(!hasChromium && inCi)("has chromium to test with", () => {
    expect.fail(`CI needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);
  });

  it.skipIf(!hasChromium)("pairs a mentor with a person from the menu and lists the pair; pairing them twice is refused", async () => {
    await page.locator("nav.menu a", { hasText: "结对帮带" }).click();
    await page.waitForURL(/\/workbench\/pairs$/);
    expect(await page.locator("#pairs").textContent()).toContain("暂无结对");
    // Only 青山镇's people and cadres are offered: 白水乡's 冯雪 (a trainee) and 赵主任 are not.
    const offered = await page.locator("select[name=candidateId]").textContent();
    expect(offered).toContain("张伟");
    expect(offered).not.toContain("冯雪");
    expect(await page.locator("select[name=mentorId]").textContent()).not.toContain("赵主任");

    await page.locator("select[name=candidateId]").selectOption({ label: `张伟（#${await idOf("张伟")}，青山村，培养对象）` });
    await page.locator("select[name=mentorId]").selectOption({ label: "王书记（青山村）" });
    await submit(page, "#pair-form");
    await page.waitForURL(/\/workbench\/pairs\?paired=\d+$/);
    expect(await page.locator(".notice").textContent()).toBe("已结对：王书记 帮带 张伟。");
    const row = page.locator("#pairs tbody tr", { hasText: "张伟" });
    expect(await row.locator("td[data-label=帮带人]").textContent()).toBe("王书记");
    expect(await row.locator("td[data-label=最近联系]").textContent()).toBe("暂无记录");
    expect(await audits("mentor.pair", "ok")).toBe(1);

    // The mentor's contact, logged in chat, shows as the pair's last contact.
    await t!.say(P.qsCadre, QS, `/帮带 记录 #${await idOf("张伟")} 谈了合作社的想法 #经验`);
    await page.reload();
    expect(await page.locator("#pairs tbody tr", { hasText: "张伟" }).locator("td[data-label=最近联系]").textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);

    // The same rule as the chat command: a pair already open is refused, in Chinese, audited, nothing added.
    await page.locator("select[name=candidateId]").selectOption({ label: `张伟（#${await idOf("张伟")}，青山村，培养对象）` });
    await page.locator("select[name=mentorId]").selectOption({ label: "王书记（青山村）" });
    await submit(page, "#pair-form");
    expect(await page.locator(".error").textContent()).toBe("王书记已在帮带张伟。");
    expect(await t!.prisma.mentorPair.count()).toBe(1);
    expect(await audits("mentor.pair", "denied")).toBe(1);
    await fitsPhone(page, "pairs");

    // Ending the pair keeps its record and takes it off the list.
    await submit(page, "#pairs tbody tr:has-text('张伟') form");
    await page.waitForURL(/\/workbench\/pairs\?ended=\d+$/);
    expect(await page.locator(".notice").textContent()).toBe("已结束结对：王书记 帮带 张伟（记录保留）。");
    expect(await page.locator("#pairs").textContent()).not.toContain("张伟");
    expect(await t!.prisma.mentorPair.count({ where: { endedAt: { not: null } } })).toBe(1);
    expect(await audits("mentor.end", "ok")).toBe(1);
    await page.locator("a", { hasText: "含已结束的结对" }).click();
    await page.waitForURL(/\?history$/);
    expect(await page.locator("#pairs tbody tr", { hasText: "张伟" }).textContent()).toContain("已结束");
  });

  it.skipIf(!hasChromium)("moves a stage with a reason on the person's path", async () => {
    const id = await idOf("黄磊");
    await page.goto(`${t!.app.url}/workbench/people/${id}`);
    await page.locator("a", { hasText: "成长档案与阶段" }).click();
    await page.waitForURL(new RegExp(`/workbench/people/${id}/path$`));
    expect(await page.locator("h1").textContent()).toBe("黄磊的成长档案");
    expect(await page.locator("#stage").textContent()).toBe("摸底对象");
    expect(await page.locator("#moves").textContent()).toContain("尚无阶段变化");

    await page.locator("select[name=to]").selectOption({ label: "培养对象" });
    await page.locator("textarea[name=reason]").fill("返乡创业有成效，经村党组织研究列为培养对象");
    await submit(page, "#stage-form");
    await page.waitForURL(/\/path\?moved$/);
    expect(await page.locator(".notice").textContent()).toBe("已将黄磊由摸底对象调整为培养对象。理由：返乡创业有成效，经村党组织研究列为培养对象");
    expect(await page.locator("#stage").textContent()).toBe("培养对象");
    expect(await page.locator("#moves").textContent()).toContain("摸底对象 → 培养对象");
    expect(await page.locator("#moves").textContent()).toContain("返乡创业有成效");
    expect(await stageOf("黄磊")).toBe("trainee");
    await fitsPhone(page, "path");
  });

  it.skipIf(!hasChromium)("shows a refused move's reason in Chinese and changes nothing", async () => {
    const id = await idOf("黄磊");
    await page.goto(`${t!.app.url}/workbench/people/${id}/path`);
    const moves = await t!.prisma.stageMove.count({ where: { candidateId: id } });
    const denied = await audits("stage.move", "denied");

    // 培养对象 → 后备力量 without appraisal, inspection or notice.
    await page.locator("select[name=to]").selectOption({ label: "后备力量" });
    await page.locator("textarea[name=reason]").fill("表现突出，拟纳入后备力量");
    await submit(page, "#stage-form");
    const error = await page.locator(".error").textContent();
    expect(error).toContain("黄磊：纳入后备力量前还需：尚未完成民主测评");
    expect(error).toContain("没有拟纳入后备力量的公示");
    expect(await page.locator("#stage").textContent()).toBe("培养对象");
    // What was typed is kept on the form.
    expect(await page.locator("textarea[name=reason]").inputValue()).toBe("表现突出，拟纳入后备力量");
    expect(await page.locator("select[name=to]").inputValue()).toBe("reserve");

    // Skipping a step, and a missing reason, are refused the same way.
    await page.locator("select[name=to]").selectOption({ label: "使用" });
    await page.locator("textarea[name=reason]").fill("换届选举当选");
    await submit(page, "#stage-form");
    expect(await page.locator(".error").textContent()).toContain("不能从培养对象直接调整为使用");

    expect(await stageOf("黄磊")).toBe("trainee");
    expect(await t!.prisma.stageMove.count({ where: { candidateId: id } })).toBe(moves);
    expect(await audits("stage.move", "denied")).toBe(denied + 2);
    await fitsPhone(page, "path-refused");
  });

  it.skipIf(!hasChromium)("lists posts, appraisal rounds and notices, and shows the quarterly view with reasons, never a score", async () => {
    // Set up through the JSON API with the page's own session and token, as a page script would.
    const csrf = await page.locator("input[name=_csrf]").first().inputValue();
    const api = async (path: string, data: unknown) => {
      const res = await page.request.post(`${t!.app.url}/api${path}`, { data, headers: { "x-csrf-token": csrf } });
      expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
      return res.json();
    };
    const shimen = await t!.prisma.area.findFirstOrThrow({ where: { name: "石门村" } });
    const post = await api("/posts", { areaId: shimen.id, title: "集体经济协管员", supervisor: "石门村党支部书记", startsOn: "2027-09-01", endsOn: "2027-12-31" });
    await api(`/posts/${post.id}/assignments`, { candidateId: await idOf("陈静") });
    await api("/appraisals", { villageId: shimen.id, candidateIds: [await idOf("吴昊")], voters: 12, title: "石门村培养对象民主测评" });
    const notice = await api("/notices", { candidateId: await idOf("陈静"), purpose: "use", post: "村委会委员" });

    await page.locator("nav.menu a", { hasText: "培养台账" }).click();
    await page.waitForURL(/\/workbench\/cultivation$/);
    expect(await page.locator("#posts").textContent()).toContain("集体经济协管员 · 指导人：石门村党支部书记 · 2027-09-01至2027-12-31陈静");
    expect(await page.locator("#rounds").textContent()).toContain("石门村培养对象民主测评 · 石门村 · 测评1人");
    expect(await page.locator("#rounds").textContent()).toContain("进行中");
    const notices = await page.locator("#notices").textContent();
    expect(notices).toContain(`#${notice.id} 陈静（石门村）· 拟使用（村委会委员）`);
    expect(notices).toContain("尚在公示期内");
    await fitsPhone(page, "ledger");

    await page.locator("nav.menu a", { hasText: "季度研判" }).click();
    await page.waitForURL(/\/workbench\/review$/);
    const rows = page.locator("#review tbody tr");
    // Every 培养对象 and 后备力量 of 青山镇, none of 白水乡.
    expect(await rows.count()).toBe(await t!.prisma.candidate.count({ where: { stage: { in: ["trainee", "reserve"] }, village: { parent: { name: "青山镇" } } } }));
    expect(await page.locator("#review").textContent()).not.toContain("郑宇");
    const zhangwei = rows.filter({ hasText: "张伟" });
    expect(["成熟", "培养中", "需关注"]).toContain(await zhangwei.locator("td[data-label=研判]").textContent());
    // Reasons in words: the pair and contact logged above are counted, the appraisal is named.
    const reasons = await zhangwei.locator("td[data-label=依据]").textContent();
    expect(reasons).toContain("尚未参加民主测评");
    expect(reasons).toContain("帮带联系1次");
    // No score column, no points, no place in a ranking.
    expect(await page.locator("#review thead").textContent()).toBe("姓名村阶段研判依据");
    expect(await page.locator("#review tbody").textContent()).not.toMatch(/分数|得分|\d+\s*分(?!钟)|排名|第\s*\d+\s*名/);
    await fitsPhone(page, "review");
  });

  it.skipIf(!hasChromium)("lets a village cadre see the path but leaves stage moves to the township", async () => {
    const cadre = await signedIn(P.qsCadre, QS);
    const id = await idOf("黄磊");
    await cadre.goto(`${t!.app.url}/workbench/people/${id}/path`);
    expect(await cadre.locator("#moves").textContent()).toContain("返乡创业有成效");
    expect(await cadre.locator("#stage-form").count()).toBe(0);
    expect(await cadre.locator("main").textContent()).toContain("调整阶段须由乡镇组织委员及以上办理");
    // Posting the move anyway is refused by the rule's owner, shown on the page, and changes nothing.
    const csrf = await cadre.locator("input[name=_csrf]").first().inputValue();
    const moved = await cadre.request.post(`${t!.app.url}/workbench/people/${id}/stage`, { form: { _csrf: csrf, to: "exited", reason: "长期外出务工，本人申请退出" } });
    expect(await moved.text()).toContain("这一步须由乡镇组织委员及以上办理。");
    expect(await stageOf("黄磊")).toBe("trainee");
  });

  it.skipIf(!hasChromium)("keeps another township's organiser out: nothing listed, the path not found, no pair and no move", async () => {
    const other = await signedIn(P.bsOrganiser, BS);
    const id = await idOf("黄磊");
    await other.goto(`${t!.app.url}/workbench/pairs`);
    expect(await other.locator("#pairs").textContent()).not.toContain("张伟");
    expect(await other.locator("select[name=candidateId]").textContent()).not.toContain("黄磊");
    const csrf = await other.locator("input[name=_csrf]").first().inputValue();
    await other.goto(`${t!.app.url}/workbench/cultivation`);
    expect(await other.locator("main").textContent()).not.toContain("陈静");
    await other.goto(`${t!.app.url}/workbench/review`);
    expect(await other.locator("#review").textContent()).not.toContain("张伟");

    const path = await other.goto(`${t!.app.url}/workbench/people/${id}/path`);
    expect(path!.status()).toBe(404);
    expect(await other.locator(".error").textContent()).toContain("不在您负责的范围内");
    expect(await other.content()).not.toContain("返乡创业有成效");

    // Posting the forms by hand (with a valid session and token) is refused and changes nothing.
    const wang = (await t!.prisma.chatMember.findFirstOrThrow({ where: { displayName: "王书记" } })).id;
    const pairs = await t!.prisma.mentorPair.count();
    const paired = await other.request.post(`${t!.app.url}/workbench/pairs`, { form: { _csrf: csrf, candidateId: String(id), mentorId: String(wang) } });
    expect(await paired.text()).toContain("不在您负责的范围内");
    expect(await t!.prisma.mentorPair.count()).toBe(pairs);
    // Words in a crafted link are not shown: after a form only ids travel in the address.
    await other.goto(`${t!.app.url}/workbench/pairs?paired=1&error=${encodeURIComponent("登录已过期，请访问别的网站")}`);
    expect(await other.locator("main").textContent()).not.toContain("别的网站");
    expect(await other.locator(".notice").count()).toBe(0);

    const moved = await other.request.post(`${t!.app.url}/workbench/people/${id}/stage`, { form: { _csrf: csrf, to: "exited", reason: "长期外出务工，本人申请退出" } });
    expect(moved.status()).toBe(404);
    expect(await stageOf("黄磊")).toBe("trainee");
    expect(await t!.prisma.stageMove.count({ where: { candidateId: id, toStage: "exited" } })).toBe(0);
  });
});
