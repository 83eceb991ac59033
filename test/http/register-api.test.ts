// The register in Excel for machines: POST /api/candidates/import (dryRun, commit,
// skipErrors) with messy township surveys of several layouts, and the export read back.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArea } from "../../src/features/areas/service.ts";
import { DB_KINDS, postgresUnavailable, type DbKind } from "../support/databases.ts";
import { TestApp } from "../support/harness.ts";
import { messySurvey, type MessySurvey } from "../support/survey-workbooks.ts";

const skipPg = await postgresUnavailable();
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe.each(DB_KINDS)("the survey import and the register export over HTTP on %s", (kind: DbKind) => {
  const skip = kind === "postgres" && skipPg !== null;
  let t: TestApp;
  const surveys: MessySurvey[] = [];

  beforeAll(async () => {
    if (skip) return;
    t = await TestApp.start({ http: true, db: kind });
    // Three townships' surveys in different layouts; their places are added to the demo county.
    for (const seed of [3, 11, 24]) surveys.push(await messySurvey(seed, { count: 14, faultRate: 0.3 }));
    const county = await t.prisma.area.findFirstOrThrow({ where: { level: "county" } });
    for (const s of surveys) {
      for (const { township, village } of s.villages) {
        const tw = (await t.prisma.area.findFirst({ where: { name: township, parentId: county.id } })) ?? (await createArea(t.prisma, township, "township", county));
        if (!(await t.prisma.area.findFirst({ where: { name: village, parentId: tw.id } }))) await createArea(t.prisma, village, "village", tw);
      }
    }
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  const post = async (body: Buffer, query: string) => {
    const res = await fetch(`${t.app.url}/api/candidates/import?${query}`, { method: "POST", headers: { "content-type": XLSX }, body: new Uint8Array(body) });
    return { status: res.status, body: (await res.json()) as any };
  };

  it.skipIf(skip)("previews every row's fate with its Excel row number, and writes nothing", async () => {
    for (const s of surveys) {
      const before = await t.prisma.candidate.count();
      const { status, body } = await post(s.buffer, "dryRun=true");
      expect(status).toBe(200);
      expect(body.dryRun).toBe(true);
      const byRow = new Map(body.rows.map((r: any) => [r.row, r]));
      for (const e of s.expected) {
        const r = byRow.get(e.row) as any;
        expect(r, `row ${e.row} (${s.layout})`).toBeDefined();
        if (e.fault && e.fault !== "unknownCategory") {
          expect(r.status, `row ${e.row} ${e.fault}`).toBe("error");
          expect(r.errors.join("")).toContain(`第${e.row}行`);
        } else expect(r.status, `row ${e.row} (${s.layout}): ${r.errors}`).toBe("create");
      }
      // Footers, headings and blank rows are not people.
      for (const n of s.nonData) expect(byRow.has(n)).toBe(false);
      expect(await t.prisma.candidate.count()).toBe(before);
    }
  });

  it.skipIf(skip)("refuses a commit while errors remain, takes the good rows when told to skip, and a second import changes nothing", async () => {
    const s = surveys.find((x) => x.expected.some((e) => e.fault && e.fault !== "unknownCategory"))!;
    const before = await t.prisma.candidate.count();
    const refused = await post(s.buffer, "");
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain("未导入任何内容");
    expect(await t.prisma.candidate.count()).toBe(before);

    const good = s.expected.filter((e) => !e.fault || e.fault === "unknownCategory");
    const done = await post(s.buffer, "skipErrors=true");
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ committed: true, created: good.length, updated: 0 });
    expect(await t.prisma.candidate.count()).toBe(before + good.length);
    const someone = good.find((e) => e.idGiven)!;
    expect(await t.prisma.candidate.findUniqueOrThrow({ where: { idNumber: someone.person.idNumber } })).toMatchObject({ name: someone.person.name, gender: someone.person.gender });

    const again = await post(s.buffer, "skipErrors=true");
    expect(again.body).toMatchObject({ committed: true, created: 0, updated: 0 });
    expect(again.body.counts.skip).toBe(good.length);
    expect(await t.prisma.candidate.count()).toBe(before + good.length);
  });

  it.skipIf(skip)("answers a file that is not a workbook in Chinese", async () => {
    const { status, body } = await post(Buffer.from("not a spreadsheet"), "dryRun=true");
    expect(status).toBe(200);
    expect(body.rows).toEqual([]);
    expect(body.problems.join("")).toMatch(/[\u4e00-\u9fff]/);
    const empty = await fetch(`${t.app.url}/api/candidates/import?dryRun=true`, { method: "POST" });
    expect(empty.status).toBe(400);
  });

  it.skipIf(skip)("exports the county's register, one sheet per township, and offers the template", async () => {
    const res = await fetch(`${t.app.url}/api/candidates/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as never);
    const townships = await t.prisma.area.findMany({ where: { level: "township" } });
    expect(wb.worksheets.map((w) => w.name).sort()).toEqual(townships.map((x) => x.name).sort());
    const rows = wb.worksheets.reduce((n, w) => n + w.rowCount - 2, 0);
    expect(rows).toBe(await t.prisma.candidate.count());
    const template = await fetch(`${t.app.url}/api/candidates/template.xlsx`);
    const tw = new ExcelJS.Workbook();
    await tw.xlsx.load((await template.arrayBuffer()) as never);
    expect(tw.worksheets[0]!.name).toBe("摸底表");
  });

  it.skipIf(skip)("sets up a county from the division codes with the county's own list laid over them, previewed first", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名单");
    ws.addRow(["乡镇", "村", "代码"]);
    ws.addRow(["千岛湖镇", "湖景新村", ""]);
    ws.addRow(["千岛湖镇", "某村", "110101001001"]);
    const list = Buffer.from(await wb.xlsx.writeBuffer());
    const setup = async (query: string, body?: Buffer) =>
      fetch(`${t.app.url}/api/areas/setup?${query}`, { method: "POST", ...(body ? { headers: { "content-type": XLSX }, body: new Uint8Array(body) } : {}) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    const before = await t.prisma.area.count();
    const preview = await setup("code=330127&dryRun=true", list);
    expect(preview.status).toBe(200);
    expect(preview.body.notes.join("")).toContain("湖景新村");
    expect(preview.body.errors.join("")).toContain("第3行");
    expect(await t.prisma.area.count()).toBe(before);
    // A list with errors changes nothing; without the bad row it applies, and again changes nothing.
    expect((await setup("code=330127", list)).status).toBe(400);
    ws.spliceRows(3, 1);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const applied = await setup("code=330127", good);
    expect(applied.body.applied.created).toBeGreaterThan(100);
    expect(await t.prisma.area.findFirst({ where: { name: "湖景新村", parent: { code: "330127100" } } })).not.toBeNull();
    expect((await setup("code=330127", good)).body.applied.created).toBe(0);
    expect((await setup("code=999999&dryRun=true")).status).toBe(400);
  });
});
