// `npx tsx bench/startup-phases.ts [pglite:<dir>|postgresql://…]`: where `npm start`'s time and
// memory go, phase by phase, in one process: CPU ms (user + system), wall ms and RSS after
// each import of the heavy packages, then opening and migrating the database alone, then
// startApp as `npm start` runs it. Run it on existing data for "ready on existing data".
const marks: string[] = [];
let last = { cpu: process.cpuUsage(), wall: performance.now() };
function mark(label: string): void {
  const cpu = process.cpuUsage(last.cpu);
  const wall = performance.now();
  marks.push(`${label.padEnd(44)} cpu ${String(Math.round((cpu.user + cpu.system) / 1000)).padStart(5)} ms  wall ${String(Math.round(wall - last.wall)).padStart(5)} ms  rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB`);
  last = { cpu: process.cpuUsage(), wall };
}
marks.push(`node + loader until this script runs: ${Math.round(performance.now())} ms since the process began`);
const url = process.argv[2] ?? "pglite:./data/pglite";
process.env.DATABASE_URL = url;
process.env.HTTP_PORT = "0";
process.env.LOG_LEVEL ??= "warn";
const steps: [string, () => Promise<unknown>][] = [
  ["zod", () => import("zod")],
  ["wechaty-puppet", () => import("wechaty-puppet")],
  ["wechaty-puppet-mock", () => import("wechaty-puppet-mock")],
  ["wechaty/impls", () => import("wechaty/impls")],
  ["@electric-sql/pglite", () => import("@electric-sql/pglite")],
  ["pg", () => import("pg")],
  ["src/db/database.ts (Prisma client, adapters)", () => import("../src/db/database.ts")],
  ["express", () => import("express")],
  ["src/app.ts (the rest of the app)", () => import("../src/app.ts")],
];
for (const [label, f] of steps) {
  await f();
  mark(`import ${label}`);
}
const { openDatabase } = await import("../src/db/database.ts");
const { migrate } = await import("../src/db/migrate.ts");
const db = await openDatabase(url);
mark("openDatabase");
await migrate(db.sql);
mark("migrate (nothing to apply on existing data)");
await db.close();
mark("close");
const { startApp } = await import("../src/app.ts");
const { loadConfig } = await import("../src/config.ts");
const app = await startApp({ config: loadConfig() });
mark("startApp (opens the database again)");
await new Promise((r) => setTimeout(r, 10_000));
globalThis.gc?.();
mark("10 s idle");
await app.stop();
process.stdout.write(marks.join("\n") + "\n");
process.exit(0);
