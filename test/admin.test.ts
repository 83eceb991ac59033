// Setting up a real county: areas and the first cadre from the admin script,
// then the cadre takes up the role from the chat and binds a group.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { P, TestApp, YOUTH } from "./support/harness.ts";

const root = path.resolve(import.meta.dirname, "..");

describe("npm run admin", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "miaopu-admin-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const admin = (...args: string[]) =>
    execFileSync("npm", ["run", "-s", "admin", "--", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: `pglite:${dir}` }, encoding: "utf8" });

  it("creates areas and a one-time code that makes whoever sends it a county administrator", { timeout: 120_000 }, async () => {
    expect(admin("area", "江北县", "东湖镇", "柳村")).toContain("created #3 村 江北县 东湖镇 柳村");
    expect(admin("area", "江北县", "东湖镇", "桥村")).toMatch(/exists\s+#1 县 江北县/);
    const printed = admin("code", "county_admin", "江北县");
    // A role code: twelve characters from an alphabet without look-alikes, valid a day.
    expect(printed).toContain("24小时内有效");
    const code = /\/绑定 ([A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4})\s*$/m.exec(printed)![1]!;

    const t = await TestApp.start({ pgliteDir: dir });
    try {
      // Areas exist, so the demo county is not seeded into this database.
      expect(await t.prisma.area.count({ where: { name: "青溪县" } })).toBe(0);
      const replies = await t.sayPrivately(P.county, `/绑定 ${code}`);
      expect(replies.at(-1)!.text).toContain("身份：县委组织部管理员");
      expect(await t.ask(P.county, YOUTH, "/绑定群 东湖镇")).toContain("本群已设为东湖镇联系群");
      expect(await t.ask(P.county, YOUTH, "/登记 林一 村=柳村 类别=大学生")).toContain("已登记：林一");
    } finally {
      await t.stop();
    }
  });
});
