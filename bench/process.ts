// Bench section `process`: `npm start` measured as a user would meet it — the whole
// process tree npm starts (npm, the shell, tsx, node), on existing data.
//
//   start_ready_ms_{pglite,postgres}  spawn of `npm start` → first /health 200, median of
//                                     BENCH_PROCESS_STARTS (3) starts after a first one that
//                                     creates, migrates and seeds the data
//   start_cpu_ms_{pglite,postgres}    CPU (user + system) the tree had used by then, median
//                                     (steadier than wall time on a busy machine)
//   idle_rss_mb_{pglite,postgres}     sum of VmRSS over the tree after BENCH_PROCESS_IDLE_S (10) s idle
//   soak_rss_growth_mb                PGlite (the default): steady traffic through the simulator
//                                     (BENCH_SOAK_RATE, 10 messages/s) for BENCH_SOAK_MINUTES (3);
//                                     tree RSS at the end minus at the end of the first fifth;
//                                     --soak-db=pglite,postgres soaks a server too (…_postgres)
//
// `npm run bench -- --only=process --baseline=<dir>` also times another checkout (with its
// own node_modules, or a symlink to these) the same way, its starts interleaved with this
// one's so background load hits both alike; its figures go to the JSON as `baseline_…`.
// `--soak-minutes=30` gives the full soak.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPostgresDatabase, postgresUnreachable } from "../test/support/databases.ts";
import type { BenchSection, SectionResult } from "./sections.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const num = (v: string | undefined, dflt: number) => (v === undefined || v === "" ? dflt : Number(v));
const STARTS = num(process.env.BENCH_PROCESS_STARTS, 3);
const IDLE_S = num(process.env.BENCH_PROCESS_IDLE_S, 10);
const SOAK_MINUTES = num(arg("soak-minutes") ?? process.env.BENCH_SOAK_MINUTES, 3);
const SOAK_RATE = num(process.env.BENCH_SOAK_RATE, 10);
/** Which databases the soak runs on: PGlite (the default install) and, with `--soak-db=pglite,postgres`, a server too. */
const SOAK_DBS = (arg("soak-db") ?? process.env.BENCH_SOAK_DB ?? "pglite").split(",").map((x) => x.trim()).filter((x): x is "pglite" | "postgres" => x === "pglite" || x === "postgres");
const READY_TIMEOUT_MS = 120_000;
const PAGE = 4096;
const TICK_MS = 1000 / 100; // USER_HZ on Linux

interface Target { key: string; label: string; dir: string }

// ---------------------------------------------------------------- the process tree via /proc

function children(): Map<number, number[]> {
  const kids = new Map<number, number[]>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = kids.get(ppid) ?? [];
      list.push(Number(d));
      kids.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  return kids;
}

function tree(root: number): number[] {
  const kids = children();
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of kids.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Resident memory (MB) and CPU used so far (ms, user + system) of a process and all below it. */
export function treeUsage(root: number): { rssMb: number; cpuMs: number; each: { pid: number; cmd: string; rssMb: number }[] } {
  let rss = 0;
  let cpu = 0;
  const each = [];
  for (const pid of tree(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // fields 14–17 (utime, stime, cutime, cstime) and 24 (rss pages), counted from 1; f[0] is field 3
      cpu += (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
      const pages = Number(f[21]);
      rss += pages * PAGE;
      each.push({ pid, cmd: readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(0, 3).join(" ").slice(0, 80), rssMb: (pages * PAGE) / 2 ** 20 });
    } catch {
      // gone meanwhile
    }
  }
  return { rssMb: rss / 2 ** 20, cpuMs: cpu, each };
}

// ---------------------------------------------------------------- one `npm start`

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Running { child: ChildProcess; url: string; readyMs: number; cpuMs: number; stop(): Promise<void> }

/** Spawn `npm start` in `dir` and wait for /health 200 (polled every 20 ms). */
async function npmStart(dir: string, env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  // A user's environment: none of the bench's own quieting.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(LOG_LEVEL|WECHATY_LOG|BROLOG_LEVEL)$/.test(k)));
  const t0 = performance.now();
  const child = spawn("npm", ["start", "--silent"], { cwd: dir, env: { ...base, HTTP_PORT: String(port), ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stdout!.resume();
  child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGINT");
    } catch {
      return;
    }
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, 15_000);
    await exited;
    clearTimeout(killer);
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start in ${dir} exited ${child.exitCode}: ${stderr}`);
    if (performance.now() - t0 > READY_TIMEOUT_MS) {
      await stop();
      throw new Error(`npm start in ${dir}: no /health 200 within ${READY_TIMEOUT_MS / 1000} s: ${stderr}`);
    }
    const ok = await fetch(`${url}/health`).then((r) => r.status === 200, () => false);
    if (ok) break;
    await sleep(20);
  }
  const readyMs = performance.now() - t0;
  return { child, url, readyMs, cpuMs: treeUsage(child.pid!).cpuMs, stop };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : NaN;
};

// ---------------------------------------------------------------- start-up and idle

interface StartFigures { firstMs: number; readyMs: number[]; cpuMs: number[]; idleRssMb: number; idleBreakdown: string }

async function startFigures(targets: Target[], kind: "pglite" | "postgres", log: (m: string) => void): Promise<Map<string, StartFigures>> {
  const cleanups: (() => Promise<void>)[] = [];
  const envs = new Map<string, Record<string, string>>();
  const figures = new Map<string, StartFigures>();
  try {
    for (const t of targets) {
      const data = mkdtempSync(path.join(tmpdir(), `miaopu-bench-process-${t.key}-`));
      cleanups.push(async () => rmSync(data, { recursive: true, force: true }));
      let databaseUrl = `pglite:${data}/pglite`;
      if (kind === "postgres") {
        const pg = await createPostgresDatabase("miaopu_bench_process");
        cleanups.push(pg.drop);
        databaseUrl = pg.url;
      }
      envs.set(t.key, { DATABASE_URL: databaseUrl, SPOOL_DIR: `${data}/spool` });
    }
    // The first start creates, migrates and seeds; not counted in the median.
    for (const t of targets) {
      const r = await npmStart(t.dir, envs.get(t.key)!);
      await r.stop();
      figures.set(t.key, { firstMs: r.readyMs, readyMs: [], cpuMs: [], idleRssMb: NaN, idleBreakdown: "" });
      log(`${kind} ${t.label}: first start ${Math.round(r.readyMs)} ms`);
    }
    for (let i = 0; i < STARTS; i++) {
      for (const t of targets) {
        const f = figures.get(t.key)!;
        const r = await npmStart(t.dir, envs.get(t.key)!);
        try {
          f.readyMs.push(r.readyMs);
          f.cpuMs.push(r.cpuMs);
          if (i === STARTS - 1) {
            await sleep(IDLE_S * 1000);
            const samples = [];
            for (let k = 0; k < 5; k++) {
              samples.push(treeUsage(r.child.pid!));
              await sleep(200);
            }
            f.idleRssMb = median(samples.map((s) => s.rssMb));
            f.idleBreakdown = samples.at(-1)!.each.map((p) => `${p.cmd.replace(/^\S*\//, "")} ${Math.round(p.rssMb)}`).join(" + ");
          }
        } finally {
          await r.stop();
        }
        log(`${kind} ${t.label}: ready in ${Math.round(r.readyMs)} ms, ${Math.round(r.cpuMs)} ms CPU`);
      }
    }
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  }
  return figures;
}

// ---------------------------------------------------------------- soak

/**
 * Where the app's memory is (MB): from /health, the JS heap in use and committed, memory
 * outside it, PGlite's WebAssembly memory (its size); from /proc/<pid>/smaps of the node
 * process, what of that WebAssembly memory is resident (the anonymous mapping of exactly
 * its size) and the resident C heap ([heap]: what native code mallocs).
 */
interface Inside { heapUsedMb: number; heapTotalMb: number; externalMb: number; databaseMb: number | null; databaseRssMb: number | null; nativeHeapRssMb: number | null }

interface SoakFigures {
  kind: "pglite" | "postgres";
  messages: number;
  rssAfterWarmupMb: number;
  rssEndMb: number;
  growthMb: number;
  peakMb: number;
  samples: number[];
  /** Medians of the last three readings at the end of the warm-up and at the end. */
  inside: { warm: Inside; end: Inside };
}

const SOAK_TEXTS = ["今天回村里看了看，路修得不错", "收到", "好的，谢谢王书记", "明天上午九点村委会见", "/帮助", "建议村里搞电商直播，把茶叶卖出去", "照片我发到群相册里了，大家看看", "/打卡 学习强国 30分钟"];

/** Resident MB of the node process's C heap and of its anonymous read-write mappings of `sizeKb`. */
export function residentParts(pid: number, sizeKb: number | null): { nativeHeapRssMb: number; sizedRssMb: number | null } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, "utf8");
  } catch {
    return null;
  }
  let heap = 0;
  let sized = 0;
  let current: { name: string; anonRw: boolean; size: number } | null = null;
  for (const line of text.split("\n")) {
    const head = /^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      current = { name: head[3]!.trim(), anonRw: head[1] === "rw-p" && head[2] === "0", size: 0 };
      continue;
    }
    const field = /^(Size|Rss):\s+(\d+) kB/.exec(line);
    if (!field || !current) continue;
    if (field[1] === "Size") current.size = Number(field[2]);
    else if (current.name === "[heap]") heap += Number(field[2]);
    else if (sizeKb !== null && current.anonRw && current.name === "" && current.size === sizeKb) sized += Number(field[2]);
  }
  return { nativeHeapRssMb: heap / 1024, sizedRssMb: sizeKb === null ? null : sized / 1024 };
}

/** The process of the tree holding the most memory: the app's node. */
function appPid(root: number): number {
  return treeUsage(root).each.sort((a, b) => b.rssMb - a.rssMb)[0]?.pid ?? root;
}

async function inside(url: string, pid: number): Promise<Inside | null> {
  const res = await fetch(`${url}/health`).catch(() => null);
  if (!res?.ok) return null;
  const m = ((await res.json()) as { memory?: Inside }).memory;
  if (!m) return null;
  const parts = residentParts(pid, m.databaseMb === null ? null : Math.round(m.databaseMb * 1024));
  return {
    heapUsedMb: m.heapUsedMb,
    heapTotalMb: m.heapTotalMb,
    externalMb: m.externalMb,
    databaseMb: m.databaseMb,
    databaseRssMb: parts?.sizedRssMb ?? null,
    nativeHeapRssMb: parts?.nativeHeapRssMb ?? null,
  };
}

function medianInside(xs: Inside[]): Inside {
  const of = (f: (x: Inside) => number | null) => {
    const v = xs.map(f).filter((x): x is number => x !== null);
    return v.length ? median(v) : null;
  };
  return { heapUsedMb: of((x) => x.heapUsedMb)!, heapTotalMb: of((x) => x.heapTotalMb)!, externalMb: of((x) => x.externalMb)!, databaseMb: of((x) => x.databaseMb), databaseRssMb: of((x) => x.databaseRssMb), nativeHeapRssMb: of((x) => x.nativeHeapRssMb) };
}

async function soak(target: Target, kind: "pglite" | "postgres", log: (m: string) => void): Promise<SoakFigures> {
  const data = mkdtempSync(path.join(tmpdir(), `miaopu-bench-soak-${target.key}-`));
  const server = kind === "postgres" ? await createPostgresDatabase("miaopu_bench_soak") : null;
  const env = { DATABASE_URL: server?.url ?? `pglite:${data}/pglite`, SPOOL_DIR: `${data}/spool`, LOG_LEVEL: "warn" };
  // On existing data, like the other figures: the first start's initdb, migrations and seed leave a peak behind.
  await (await npmStart(target.dir, env)).stop();
  const r = await npmStart(target.dir, env);
  try {
    const world = (await (await fetch(`${r.url}/api/simulator/world`)).json()) as { groups: { roomId: string; members: { wxid: string }[] }[] };
    const speakers = world.groups.filter((g) => g.members.length).flatMap((g) => g.members.map((m) => ({ roomId: g.roomId, wxid: m.wxid })));
    const pid = appPid(r.child.pid!);
    const durationMs = SOAK_MINUTES * 60_000;
    const warmupMs = durationMs / 5;
    const samples: number[] = [];
    const insides: Inside[] = [];
    let atWarmup = NaN;
    let insideWarm: Inside | null = null;
    let sent = 0;
    const t0 = performance.now();
    let nextSample = t0;
    let tenths = 0;
    while (performance.now() - t0 < durationMs) {
      const s = speakers[sent % speakers.length]!;
      const res = await fetch(`${r.url}/api/simulator/say`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...s, text: SOAK_TEXTS[sent % SOAK_TEXTS.length] }) });
      if (res.status !== 202) throw new Error(`simulator refused message ${sent}: ${res.status} ${await res.text()}`);
      sent++;
      const now = performance.now();
      if (now >= nextSample) {
        samples.push(treeUsage(r.child.pid!).rssMb);
        const m = await inside(r.url, pid);
        if (m) insides.push(m);
        nextSample += 5000;
        // The course, a line per tenth of the run: a plateau and a slope read differently.
        if (m && now - t0 >= (tenths + 1) * (durationMs / 10)) {
          tenths++;
          log(`soak ${target.label} (${kind}): ${tenths * 10}%, ${sent} messages, tree RSS ${Math.round(samples.at(-1)!)} MB, ${describeInside(m)}`);
        }
        if (Number.isNaN(atWarmup) && now - t0 >= warmupMs) {
          atWarmup = median(samples.slice(-3));
          insideWarm = medianInside(insides.slice(-3));
          log(`soak ${target.label} (${kind}): warm-up done, ${sent} messages, tree RSS ${Math.round(atWarmup)} MB, ${describeInside(insideWarm)}`);
        }
      }
      const due = t0 + (sent * 1000) / SOAK_RATE;
      if (due > performance.now()) await sleep(due - performance.now());
    }
    const end = median(samples.slice(-3));
    const insideEnd = medianInside(insides.slice(-3));
    log(`soak ${target.label} (${kind}): ${sent} messages in ${SOAK_MINUTES} min, tree RSS ${Math.round(atWarmup)} → ${Math.round(end)} MB, ${describeInside(insideEnd)}`);
    return { kind, messages: sent, rssAfterWarmupMb: atWarmup, rssEndMb: end, growthMb: end - atWarmup, peakMb: Math.max(...samples), samples, inside: { warm: insideWarm ?? insideEnd, end: insideEnd } };
  } finally {
    await r.stop();
    await server?.drop().catch(() => undefined);
    rmSync(data, { recursive: true, force: true });
  }
}

const describeInside = (m: Inside) =>
  `JS heap ${m.heapUsedMb.toFixed(1)} MB used of ${m.heapTotalMb.toFixed(1)}, external ${m.externalMb.toFixed(1)} MB` +
  (m.nativeHeapRssMb === null ? "" : `, C heap resident ${m.nativeHeapRssMb.toFixed(1)} MB`) +
  (m.databaseMb === null ? "" : `, PGlite memory ${m.databaseMb.toFixed(1)} MB (${m.databaseRssMb === null ? "?" : m.databaseRssMb.toFixed(1)} MB resident)`);

// ---------------------------------------------------------------- the section

const r0 = (n: number) => Math.round(n);
const fmt = (n: number) => (Number.isFinite(n) ? r0(n).toLocaleString("en-US") : "–");

export const processSection: BenchSection = {
  name: "process",
  title: `8. \`npm start\` as a user meets it: npm and every process under it, on existing data`,
  async run(log): Promise<SectionResult> {
    const baselineDir = arg("baseline") ?? process.env.BENCH_BASELINE;
    const targets: Target[] = [{ key: "this", label: "this checkout", dir: ROOT }];
    if (baselineDir) targets.push({ key: "baseline", label: `baseline (${baselineDir})`, dir: path.resolve(baselineDir) });
    const pgWhy = await postgresUnreachable();
    const byKind = new Map<string, Map<string, StartFigures>>();
    // BENCH_PROCESS_STARTS=0 leaves start-up out (to run the soak alone).
    for (const kind of STARTS > 0 ? (["pglite", "postgres"] as const) : []) {
      if (kind === "postgres" && pgWhy) continue;
      byKind.set(kind, await startFigures(targets, kind, log));
    }
    // Every soak (each checkout on each database) runs at the same time: the baseline and this
    // checkout meet the same background, and a full soak of both takes 30 minutes, not 60 or 120.
    // Memory is what it measures; at 10 messages a second each, two cores keep up with four.
    const soaks = new Map<string, SoakFigures[]>();
    if (SOAK_MINUTES > 0) {
      const kinds = SOAK_DBS.filter((k) => !(k === "postgres" && pgWhy));
      const runs = await Promise.all(targets.map((t) => Promise.all(kinds.map((kind) => soak(t, kind, log)))));
      targets.forEach((t, i) => soaks.set(t.key, runs[i]!));
    }

    const lines: string[] = [];
    const json: Record<string, number> = {};
    const problems: string[] = [];
    const cols = targets.map((t) => t.label);
    const rows: string[][] = [["", ...cols.flatMap((c) => [`${c}: PGlite`, "PostgreSQL"])]];
    const cell = (f: (x: StartFigures) => string) => targets.flatMap((t) => ["pglite", "postgres"].map((k) => { const x = byKind.get(k)?.get(t.key); return x ? f(x) : "skipped"; }));
    rows.push(["first start (creates, migrates, seeds): spawn → /health 200, ms", ...cell((x) => fmt(x.firstMs))]);
    rows.push([`ready on existing data, ms: median of ${STARTS} (goal ≤ 1,500)`, ...cell((x) => `${fmt(median(x.readyMs))} (${x.readyMs.map(fmt).join(", ")})`)]);
    rows.push(["   CPU of the tree by then, ms: median", ...cell((x) => fmt(median(x.cpuMs)))]);
    rows.push([`idle RSS of the tree after ${IDLE_S} s, MB (goal ≤ 300 PGlite, ≤ 200 PostgreSQL)`, ...cell((x) => fmt(x.idleRssMb))]);
    const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) lines.push(r.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join("  "));
    for (const t of targets) {
      for (const [k, m] of byKind) lines.push(`${t.label}, ${k}, idle tree (MB): ${m.get(t.key)!.idleBreakdown}`);
    }
    if (pgWhy) lines.push(`PostgreSQL skipped: ${pgWhy}`);
    const signed = (n: number) => `${n >= 0 ? "+" : ""}${n.toFixed(1)}`;
    for (const t of targets) {
      for (const s of soaks.get(t.key) ?? []) {
        const { warm, end } = s.inside;
        lines.push(`soak, ${t.label}: ${s.kind === "pglite" ? "PGlite" : "PostgreSQL"}, ${fmt(s.messages)} messages through /api/simulator/say at ${SOAK_RATE}/s for ${SOAK_MINUTES} min ` +
          `(${SOAK_MINUTES < 30 ? "short by default; --soak-minutes=30 for the issue's full soak" : "the full soak"}): ` +
          `tree RSS ${fmt(s.rssAfterWarmupMb)} MB after the first fifth → ${fmt(s.rssEndMb)} MB at the end = ${signed(s.growthMb)} MB (goal: no growth), peak ${fmt(s.peakMb)} MB; ` +
          `inside the app: JS heap used ${signed(end.heapUsedMb - warm.heapUsedMb)} MB, committed ${signed(end.heapTotalMb - warm.heapTotalMb)} MB, external ${signed(end.externalMb - warm.externalMb)} MB` +
          (end.nativeHeapRssMb !== null && warm.nativeHeapRssMb !== null ? `, C heap resident ${signed(end.nativeHeapRssMb - warm.nativeHeapRssMb)} MB` : "") +
          (end.databaseMb !== null && warm.databaseMb !== null
            ? `, PGlite memory ${fmt(warm.databaseMb)} → ${fmt(end.databaseMb)} MB (resident ${warm.databaseRssMb?.toFixed(1) ?? "?"} → ${end.databaseRssMb?.toFixed(1) ?? "?"} MB)`
            : ""));
      }
    }
    if (SOAK_MINUTES <= 0) lines.push("soak skipped (--soak-minutes=0)");
    lines.push("Ready = spawn of `npm start --silent` until GET /health answers 200 (polled every 20 ms); RSS = sum of VmRSS over every process of the tree " +
      "(shared pages counted in each), CPU = user + system time of the tree, both from /proc.");
    for (const t of targets) {
      const prefix = t.key === "this" ? "" : `${t.key}_`;
      for (const [k, m] of byKind) {
        const x = m.get(t.key)!;
        json[`${prefix}start_ready_ms_${k}`] = r0(median(x.readyMs));
        json[`${prefix}start_cpu_ms_${k}`] = r0(median(x.cpuMs));
        json[`${prefix}first_start_ms_${k}`] = r0(x.firstMs);
        json[`${prefix}idle_rss_mb_${k}`] = r0(x.idleRssMb);
      }
      for (const s of soaks.get(t.key) ?? []) {
        // PGlite, the default install, keeps the names; a server soak adds `_postgres`.
        const suffix = s.kind === "pglite" ? "" : "_postgres";
        json[`${prefix}soak_messages${suffix}`] = s.messages;
        json[`${prefix}soak_minutes${suffix}`] = SOAK_MINUTES;
        json[`${prefix}soak_rss_growth_mb${suffix}`] = Math.round(s.growthMb * 10) / 10;
        json[`${prefix}soak_rss_end_mb${suffix}`] = r0(s.rssEndMb);
        const growth = (f: (x: Inside) => number | null) => {
          const a = f(s.inside.warm);
          const b = f(s.inside.end);
          return a === null || b === null ? null : Math.round((b - a) * 10) / 10;
        };
        json[`${prefix}soak_heap_growth_mb${suffix}`] = growth((x) => x.heapUsedMb)!;
        const cHeap = growth((x) => x.nativeHeapRssMb);
        if (cHeap !== null) json[`${prefix}soak_c_heap_growth_mb${suffix}`] = cHeap;
        const wasm = growth((x) => x.databaseRssMb);
        if (wasm !== null) json[`${prefix}soak_pglite_resident_growth_mb`] = wasm;
      }
    }
    return { lines, json, problems };
  },
};
