import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idCheckDigit } from "../../src/domain/survey/id-number.ts";
import { appAndBrowser, CHROMIUM, hasChromium } from "../support/browser.ts";
import { BS, P, QS, until, type TestApp } from "../support/harness.ts";

// The workbench in a real browser (Debian's chromium through playwright-core), signed in
// with a code the bot sends through the mock chat, as 陈委员, organiser of 青山镇.
const inCi = process.env.CI === "true";
if (!hasChromium && !inCi) console.warn(`workbench browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);

const WAIT = 15_000;
const SHOTS = "/tmp/workbench";

/** An ID number with a right check digit, for a person born on the given day. */
const idFor = (birth: string, seq: string) => `330127${birth}${seq}` + idCheckDigit(`330127${birth}${seq}`);

/**
 * A survey as a township fills it in: a merged title, a 填报单位 line, headers in other
 * words, full-width digits, spaces in phones, a date cell, synonyms, a bad check digit,
 * a village of another township, a blank row and footers.
 */
async function messyQingshanSurvey(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("摸底表");
  ws.addRow(["青山镇村级后备力量摸底登记表"]);
  ws.mergeCells(1, 1, 1, 10);
  ws.addRow(["填报单位：青山镇党委（盖章）", null, null, null, null, null, null, null, "填报日期：2026年11月"]);
  ws.addRow(["序号", "姓  名", "性别", "出生年月", "公民身份号码", "手机号码", "文化程度", "所在村（社区）", "人员类别", "推荐方式"]);
  ws.addRow([1, "赵小青", "男", "1996.03", idFor("19960312", "031"), "138 1111 2222", "大学本科", "青山村", "大学生", "自荐"]);
  ws.addRow([2, "钱 多多", "女", new Date(Date.UTC(1999, 5, 1)), idFor("19990601", "042"), "１３９２２２２３３３３", "大专", "桃源村", "返乡创业青年", "组织推荐"]);
  ws.getCell(5, 4).numFmt = "yyyy-mm-dd";
  ws.addRow([3, "孙错号", "男", "1990-01", "330127199001010011", "13633334444", "高中", "石门村", "退役军人", "群众推荐"]);
  ws.addRow([]);
  ws.addRow([4, "周外乡", "女", "1995.05", idFor("19950505", "062"), "13544445555", "本科", "白水村", "其他", "组织推荐"]);
  ws.addRow([5, "李娟", "女", "1998.07", "", "13812341234", "本科", "青山村", "大学毕业生", "组织推荐"]);
  ws.addRow([]);
  ws.addRow(["填表人：陈某某", null, null, "审核人：王某", null, null, "填表日期：2026年11月20日"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("workbench pages", () => {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    ({ t, browser } = await appAndBrowser());
    context = await browser!.newContext({ viewport: { width: 1366, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai", acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT);
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await t?.stop();
  });

  it.runIf(!hasChromium && inCi)("has chromium to test with", () => {
    expect.fail(`CI needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);
  });

  /** Save the page at a phone's width and an office screen's, as test artefacts, and check it fits both. */
  async function screenshots(name: string): Promise<void> {
    for (const width of [375, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}-${name}-${width}.png`, fullPage: true });
      // Nothing wider than a phone: wide tables scroll inside their own box, the page does not.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} at ${width} px`).toBeLessThanOrEqual(0);
    }
  }

  async function codeFor(wxid: string): Promise<string> {
    const replies = await t!.say(wxid, QS, "/登录");
    // Said in the group, the code goes privately; the group only hears that it was sent.
    const group = replies.find((r) => r.roomId === QS);
    expect(group?.text).toContain("已私信");
    const dm = replies.find((r) => r.toId === wxid);
    const code = dm?.text.match(/登录码：(\d{6})/)?.[1];
    expect(code, JSON.stringify(replies)).toBeDefined();
    return code!;
  }

  it.skipIf(!hasChromium)("signs in with a code from /登录 and shows the overview's figures", async () => {
    // This week: one check-in and one idea in 青山镇, one idea in 白水乡 (not 青山镇's).
    await t!.say(P.lijuan, QS, "/打卡 学习强国 30分钟");
    await t!.say(P.wangfang, QS, "/建议 桃源村可以搞民宿");
    await t!.say(P.zhengyu, BS, "/建议 白水村办个农家乐");
    await page.goto(`${t!.app.url}/workbench/`);
    await page.waitForURL(/\/workbench\/login$/);
    // A wrong code is refused, audited, and says what to do.
    await page.locator("input[name=code]").fill("000000");
    await page.locator("button[type=submit]").click();
    expect(await page.locator(".error").textContent()).toContain("/登录");
    expect(await t!.prisma.auditLog.count({ where: { action: "web.sign-in", outcome: "denied" } })).toBe(1);

    const code = await codeFor(P.qsOrganiser);
    await page.locator("input[name=code]").fill(code);
    await page.locator("button[type=submit]").click();
    await page.waitForURL(/\/workbench\/$/);
    expect(await page.locator("header").textContent()).toContain("陈委员");
    // 青山镇 has 10 reserves in the demo county: 3 villages, by stage.
    const inQingshan = await t!.prisma.candidate.count({ where: { village: { parent: { name: "青山镇" } } } });
    expect(await page.locator("#total").textContent()).toBe(String(inQingshan));
    const reserves = await t!.prisma.candidate.count({ where: { stage: "reserve", village: { parent: { name: "青山镇" } } } });
    expect(await page.locator("#funnel tr", { hasText: "后备力量" }).locator("td.num").textContent()).toBe(String(reserves));
    const thisWeek = page.locator("#weeks tbody tr").last();
    expect(await thisWeek.locator("td.num").allTextContents()).toEqual(["1", "0", "1"]);
    expect(await page.locator("#groups").textContent()).toContain("青山镇后备力量联系群");
    expect(await page.locator("#groups").textContent()).not.toContain("白水乡");
    expect(await page.locator("svg.chart").count()).toBe(5);
    // The cookie is HttpOnly and SameSite; a used code cannot sign in again.
    const cookie = (await context!.cookies()).find((c) => c.name === "miaopu_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    const again = await fetch(`${t!.app.url}/workbench/login`, { method: "POST", body: new URLSearchParams({ code }), redirect: "manual" });
    expect(again.status).toBe(401);
    await screenshots("overview");
  });

  it.skipIf(!hasChromium)("searches the register and opens a file", async () => {
    await page.goto(`${t!.app.url}/workbench/register`);
    const rows = page.locator("#register tbody tr");
    expect(await rows.count()).toBe(await t!.prisma.candidate.count({ where: { village: { parent: { name: "青山镇" } } } }));
    // Nobody of 白水乡 is listed to 青山镇's organiser.
    expect(await page.locator("#register").textContent()).not.toContain("郑宇");
    // By the last four digits of the phone: 李娟's ends in 1234, shown masked.
    await page.locator("input[name=q]").fill("1234");
    await page.locator("form.filters button[type=submit]").click();
    await page.waitForURL(/q=1234/);
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("138****1234");
    // By village name.
    await page.locator("input[name=q]").fill("石门");
    await page.locator("form.filters button[type=submit]").click();
    await page.waitForURL(/q=/);
    expect(await rows.count()).toBe(3);
    await page.locator("input[name=q]").fill("李娟");
    await page.locator("form.filters button[type=submit]").click();
    await page.locator("#register a", { hasText: "李娟" }).click();
    await page.waitForURL(/\/workbench\/people\/\d+$/);
    expect(await page.locator("h1").textContent()).toBe("李娟的档案");
    expect(await page.locator("#profile").textContent()).toContain("13812341234");
    await screenshots("file");
  });

  it.skipIf(!hasChromium)("edits a field of the file, audited with before and after", async () => {
    const id = Number(page.url().match(/people\/(\d+)/)![1]);
    await page.locator("#edit-profile input[name=specialties]").fill("直播带货");
    await page.locator("#edit-profile select[name=stage]").selectOption({ label: "培养对象" });
    await page.locator("#edit-profile button[type=submit]").click();
    await page.locator(".notice").waitFor();
    expect(await page.locator(".notice").textContent()).toContain("阶段");
    expect(await page.locator("#profile").textContent()).toContain("直播带货");
    expect(await page.locator("#file-changes").textContent()).toContain("阶段：后备力量 → 培养对象");
    const line = await t!.prisma.auditLog.findFirstOrThrow({ where: { action: "candidate.edit", entityId: String(id) } });
    expect(line.detail).toMatchObject({ changes: expect.arrayContaining([{ field: "specialties", from: "电商运营", to: "直播带货" }]) });
    expect(line.actorId).not.toBeNull();
    // A bad phone number is refused in Chinese and nothing changes.
    await page.locator("#edit-profile input[name=phone]").fill("12345");
    await page.locator("#edit-profile button[type=submit]").click();
    expect(await page.locator(".error").textContent()).toContain("电话应为11位手机号");
    expect((await t!.prisma.candidate.findUniqueOrThrow({ where: { id } })).phone).toBe("13812341234");
    // The address names saved fields; a crafted one cannot put other words on the page.
    await page.goto(page.url().replace(/\?.*$/, "") + `?saved=${encodeURIComponent("学历、请速拨打13800000000")}`);
    expect(await page.locator(".notice").textContent()).toBe("已保存：学历。");
  });

  it.skipIf(!hasChromium)("answers a feedback item and the answer reaches the group, @-mentioning the person", async () => {
    const replies = await t!.say(P.zhangwei, QS, "/反馈 村口路灯坏了一个月了");
    const number = replies[0]!.text.match(/#(\d+)/)![1]!;
    await page.goto(`${t!.app.url}/workbench/feedback?status=open`);
    const row = page.locator(`#ledger tr[data-item="${number}"]`);
    expect(await row.textContent()).toContain("村口路灯坏了一个月了");
    await row.locator("textarea").fill("已联系供电所，本周内修好");
    await row.locator("button[value=answer]").click();
    await page.locator(".notice").waitFor();
    expect(await page.locator(".notice").textContent()).toContain(`已答复 #${number}`);
    await until("the answer in the group", () => t!.sent.some((s) => s.roomId === QS && s.text.includes("已联系供电所")));
    const posted = t!.sent.find((s) => s.roomId === QS && s.text.includes("已联系供电所"))!;
    expect(posted.text).toContain("@张伟");
    expect(posted.text).toContain("陈委员答复");
    expect((await t!.prisma.feedbackItem.findUniqueOrThrow({ where: { id: Number(number) } })).status).toBe("answered");
    // The filtered list exports: answered items only, with the answer.
    await page.goto(`${t!.app.url}/workbench/feedback?status=answered`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("a", { hasText: "导出（Excel）" }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as never);
    const rows = wb.worksheets[0]!.getRows(3, wb.worksheets[0]!.rowCount - 2)!.map((r) => r.values as unknown[]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual(expect.arrayContaining([Number(number), "村口路灯坏了一个月了", "已答复", "已联系供电所，本周内修好"]));
    await screenshots("ledger");
  });

  it.skipIf(!hasChromium)("imports a messy survey: preview with errors by row, confirm, and again changes nothing", async () => {
    await page.goto(`${t!.app.url}/workbench/import`);
    const file = { name: "青山镇摸底表.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await messyQingshanSurvey() };
    await page.locator("#survey-file").setInputFiles(file);
    const preview = page.locator("#import-preview");
    await preview.waitFor();
    const status = async (row: number) => preview.locator(`tr[data-row="${row}"]`).getAttribute("data-status");
    expect(await status(4)).toBe("create");
    expect(await status(5)).toBe("create");
    expect(await status(6)).toBe("error");
    expect(await preview.locator('tr[data-row="6"]').textContent()).toContain("第6行");
    // 白水村 is 白水乡's: outside 青山镇's organiser's scope.
    expect(await status(8)).toBe("error");
    expect(await preview.locator('tr[data-row="8"]').textContent()).toContain("不在你管辖的");
    // 李娟 is already registered (name and village): found, not created again.
    expect(await status(9)).toBe("update");
    expect(await preview.locator('tr[data-row="9"]').textContent()).toContain("学历：本科 → 大学本科");
    // Synonyms are mapped, and the mapping shown.
    expect(await preview.locator('tr[data-row="4"]').textContent()).toContain("大学毕业生");
    expect(await preview.locator("tr[data-row]").count()).toBe(5);
    // Nothing written before the confirm.
    expect(await t!.prisma.candidate.count({ where: { name: "赵小青" } })).toBe(0);

    await page.locator("#skip-errors").check();
    await page.locator("#confirm-import").click();
    await page.locator(".notice", { hasText: "已导入" }).waitFor();
    const zhao = await t!.prisma.candidate.findFirstOrThrow({ where: { name: "赵小青" }, include: { village: true } });
    expect(zhao).toMatchObject({ phone: "13811112222", category: "graduate", source: "self_nomination", birthYear: 1996, birthMonth: 3 });
    expect(zhao.village.name).toBe("青山村");
    expect((await t!.prisma.candidate.findFirstOrThrow({ where: { name: "钱多多" } })).phone).toBe("13922223333");
    expect(await t!.prisma.candidate.count({ where: { name: { in: ["孙错号", "周外乡"] } } })).toBe(0);

    // The same file again: every good row is now "no change", and nothing is offered to import.
    await page.reload();
    await page.locator("#survey-file").setInputFiles(file);
    await page.locator("#import-preview").waitFor();
    expect(await page.locator('#import-preview tr[data-status="create"], #import-preview tr[data-status="update"]').count()).toBe(0);
    expect(await page.locator("#import-actions").isHidden()).toBe(true);
    await screenshots("import");
  });

  it.skipIf(!hasChromium)("exports the register as .xlsx and it reads back", async () => {
    await page.goto(`${t!.app.url}/workbench/import`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-link").click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["青山镇"]);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(["姓名", "联系电话", "身份证号"]));
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    const names = ws.getColumn(3).values.slice(3);
    expect(names).toEqual(expect.arrayContaining(["李娟", "赵小青", "钱多多"]));
    expect(names).not.toContain("郑宇");
    // A township organiser gets whole phone numbers; ID numbers masked.
    const zhao = ws.getRows(3, ws.rowCount - 2)!.find((r) => r.getCell(3).value === "赵小青")!;
    expect(zhao.getCell(7).value).toBe("13811112222");
    expect(String(zhao.getCell(6).value)).toContain("*");
  });

  it.skipIf(!hasChromium)("shows a script in a name as text", async () => {
    const village = await t!.prisma.area.findFirstOrThrow({ where: { name: "桃源村" } });
    const evil = await t!.prisma.candidate.create({ data: { name: "<img src=x onerror=alert(1)>", villageId: village.id } });
    await page.goto(`${t!.app.url}/workbench/register?q=${encodeURIComponent("<img")}`);
    expect(await page.locator("#register a", { hasText: "<img src=x onerror=alert(1)>" }).count()).toBe(1);
    expect(await page.locator("#register img").count()).toBe(0);
    await page.goto(`${t!.app.url}/workbench/people/${evil.id}`);
    expect(await page.locator("h1").textContent()).toBe("<img src=x onerror=alert(1)>的档案");
    expect(await page.locator("main img").count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it.skipIf(!hasChromium)("refuses what lies outside the cadre's scope, and state changes without the CSRF token", async () => {
    const other = await t!.prisma.candidate.findFirstOrThrow({ where: { name: "郑宇" } });
    const res = await page.goto(`${t!.app.url}/workbench/people/${other.id}`);
    expect(res!.status()).toBe(404);
    expect(await page.locator(".error").textContent()).toContain("不在您的范围内");
    const outside = await t!.say(P.zhengyu, BS, "/反馈 白水村的桥要修");
    const id = outside[0]!.text.match(/#(\d+)/)![1];
    // From the page's own origin, with the session cookie: the token is what is missing, then the scope.
    const tried = await page.evaluate(async (id) => {
      const csrf = document.querySelector<HTMLInputElement>("input[name=_csrf]")!.value;
      const post = (body: Record<string, string>) =>
        fetch(`/workbench/feedback/${id}/answer`, { method: "POST", body: new URLSearchParams(body), redirect: "manual" }).then((r) => r.status);
      return { noToken: await post({ text: "越权答复" }), withToken: await post({ text: "越权答复", _csrf: csrf }) };
    }, id);
    expect(tried).toEqual({ noToken: 403, withToken: 404 });
    expect((await t!.prisma.feedbackItem.findUniqueOrThrow({ where: { id: Number(id) } })).status).toBe("open");
    // The API, called with the session cookie, is scoped the same way, and a write needs the token.
    const api = await page.evaluate(async (otherId) => {
      const one = await fetch(`/api/candidates/${otherId}`).then((r) => r.status);
      const list = await fetch(`/api/candidates?pageSize=200`).then((r) => r.json());
      const upload = await fetch(`/api/candidates/import?dryRun=true`, { method: "POST", headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, body: "x" }).then((r) => r.status);
      return { one, names: list.items.map((i: { name: string }) => i.name), upload };
    }, other.id);
    expect(api.one).toBe(404);
    expect(api.names).not.toContain("郑宇");
    expect(api.upload).toBe(403);
    // The sessions page is for county administrators only.
    expect((await page.goto(`${t!.app.url}/workbench/sessions`))!.status()).toBe(403);
  });

  it.skipIf(!hasChromium)("pauses and resumes a reminder of the township's group, as /提醒 does", async () => {
    const created = await t!.say(P.qsOrganiser, QS, "/提醒 新增 在线学习 每天 20:00");
    const id = created[0]!.text.match(/#(\d+)/)![1];
    await page.goto(`${t!.app.url}/workbench/reminders`);
    const row = page.locator(`#reminders tr[data-schedule="${id}"]`);
    expect(await row.textContent()).toContain("进行中");
    await row.locator("button", { hasText: "暂停" }).click();
    await page.locator(".notice").waitFor();
    expect(await page.locator(`#reminders tr[data-schedule="${id}"]`).textContent()).toContain("已暂停");
    expect((await t!.prisma.schedule.findUniqueOrThrow({ where: { id: Number(id) } })).status).toBe("paused");
    await page.locator(`#reminders tr[data-schedule="${id}"] button`, { hasText: "恢复" }).click();
    await page.locator(".notice", { hasText: "恢复" }).waitFor();
    expect((await t!.prisma.schedule.findUniqueOrThrow({ where: { id: Number(id) } })).status).toBe("active");
    expect(await page.locator("#outbox").textContent()).toContain("正常发送中");
    // Once it has gone to 青山镇's group, it is among the reminders 李娟 received.
    await t!.prisma.schedule.update({ where: { id: Number(id) }, data: { nextFiringAt: new Date(Date.now() - 30_000) } });
    expect(await t!.app.runJob("reminders", new Date())).toMatchObject({ fired: 1 });
    await until("the reminder sent", async () => (await t!.prisma.outboxMessage.count({ where: { purpose: "reminder", status: "sent" } })) === 1);
    const lijuan = await t!.prisma.candidate.findFirstOrThrow({ where: { name: "李娟" } });
    await page.goto(`${t!.app.url}/workbench/people/${lijuan.id}`);
    expect(await page.locator("#file-reminders").textContent()).toContain("学习提醒");
  });

  it.skipIf(!hasChromium)("lets a county administrator set up the county from the division codes, see sessions and end one; a signed-out session is gone", async () => {
    const admin = await browser!.newContext({ locale: "zh-CN" });
    const adminPage = await admin.newPage();
    adminPage.setDefaultTimeout(WAIT);
    try {
      await adminPage.goto(`${t!.app.url}/workbench/login`);
      await adminPage.locator("input[name=code]").fill(await codeFor(P.county));
      await adminPage.locator("button[type=submit]").click();
      await adminPage.waitForURL(/\/workbench\/$/);
      // The county's whole tree from the division codes, in one step; a second time changes nothing.
      await adminPage.goto(`${t!.app.url}/workbench/setup?q=${encodeURIComponent("淳安")}`);
      await adminPage.locator("#counties a", { hasText: "淳安县" }).click();
      const plan = adminPage.locator("#plan tbody tr");
      expect(await plan.count()).toBeGreaterThan(10);
      const before = await t!.prisma.area.count();
      await adminPage.locator("#setup form button").click();
      await adminPage.locator(".notice").waitFor();
      expect(await adminPage.locator(".notice").textContent()).toMatch(/新建\d+个地区/);
      const county = await t!.prisma.area.findFirstOrThrow({ where: { level: "county" } });
      expect(county).toMatchObject({ name: "青溪县", code: "330127" });
      const created = (await t!.prisma.area.count()) - before;
      expect(created).toBeGreaterThan(100);
      await adminPage.goto(`${t!.app.url}/workbench/setup?code=330127`);
      await adminPage.locator("#setup form button").click();
      await adminPage.locator(".notice").waitFor();
      expect(await adminPage.locator(".notice").textContent()).toContain("新建0个地区");
      // Who did what: 陈委员's edit, and the wrong code tried at the start, refused.
      await adminPage.goto(`${t!.app.url}/workbench/audit?action=candidate.edit`);
      expect(await adminPage.locator("#audit tbody tr", { hasText: "陈委员" }).count()).toBeGreaterThan(0);
      await adminPage.goto(`${t!.app.url}/workbench/audit?outcome=denied&action=web.sign-in`);
      expect(await adminPage.locator("#audit tbody tr").count()).toBeGreaterThan(0);
      await adminPage.goto(`${t!.app.url}/workbench/sessions`);
      const organiser = adminPage.locator("#sessions tr", { hasText: "陈委员" });
      expect(await organiser.count()).toBe(1);
      await organiser.locator("button").click();
      await adminPage.waitForURL(/\/sessions$/);
      expect(await adminPage.locator("#sessions tr", { hasText: "陈委员" }).count()).toBe(0);
      // 陈委员's browser is signed out.
      await page.goto(`${t!.app.url}/workbench/register`);
      await page.waitForURL(/\/login$/);
      // Signing out ends the administrator's own session.
      await adminPage.locator("form.who button").click();
      await adminPage.waitForURL(/\/login$/);
      expect(await t!.prisma.webSession.count({ where: { endedAt: null } })).toBe(0);
    } finally {
      await admin.close();
    }
  });
});
