// `npx tsx bench/cpuprofile-summary.ts file.cpuprofile [top]`: a V8 CPU profile
// (from bench/profile.ts PROFILE_CPU=… or node --cpu-prof) summarised three ways:
//   1. self time by package / area (WebAssembly modules named by the package that calls them);
//   2. time charged to the innermost frame of this repo's own code (src/, bench/) on the
//      stack, i.e. that function plus the libraries it calls, minus our own callees;
//   3. the top functions by self time.
import { readFileSync } from "node:fs";

interface Frame { functionName: string; url: string; lineNumber: number }
interface Node { id: number; callFrame: Frame; children?: number[] }
const prof = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const top = Number(process.argv[3] ?? 25);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + Math.max(0, prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

// This repo's own files, wherever it is checked out: src/, bench/ or scripts/ outside node_modules.
const OWN = /^(?:file:\/\/)?(?!.*node_modules)\/.*?\/((?:src|bench|scripts)\/.*)$/;
const ours = (url: string) => OWN.test(url);
function pkg(url: string): string | null {
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  return m ? m[m.length - 1]!.replace("node_modules/", "") : null;
}
function area(id: number): string {
  const f = byId.get(id)!.callFrame;
  const url = f.url;
  if (!url) return f.functionName.startsWith("(") ? f.functionName : "(native / builtin)";
  if (url.startsWith("wasm://")) {
    // Name a WebAssembly module after the first JavaScript package found above it.
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const u = byId.get(p)!.callFrame.url;
      const k = pkg(u);
      if (k) return `wasm in ${k}`;
    }
    return "wasm";
  }
  const k = pkg(url);
  if (k) return k;
  if (url.startsWith("node:")) return "node: " + url.slice(5).split("/")[0];
  const s = url.match(OWN);
  return s ? s[1]!.split("/").slice(0, 3).join("/") : url;
}
function ownFrame(id: number): string {
  for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
    const f = byId.get(p)!.callFrame;
    if (ours(f.url)) return `${f.functionName || "(anonymous)"}  ${f.url.replace(OWN, "$1")}:${f.lineNumber + 1}`;
  }
  const a = area(id);
  return a.startsWith("(") ? a : `(no own frame) ${a}`;
}

const sum = (key: (id: number) => string) => {
  const m = new Map<string, number>();
  for (const [id, us] of self) m.set(key(id), (m.get(key(id)) ?? 0) + us);
  return [...m].sort((x, y) => y[1] - x[1]).slice(0, top);
};
const pct = (us: number) => ((us / total) * 100).toFixed(1).padStart(5) + "%";
console.log(`total sampled ${(total / 1e6).toFixed(2)} s`);
console.log("\n1. self time by area:");
for (const [a, us] of sum(area)) console.log(`  ${pct(us)}  ${a}`);
console.log("\n2. by innermost own frame (src/, bench/) on the stack:");
for (const [a, us] of sum(ownFrame)) console.log(`  ${pct(us)}  ${a}`);
console.log("\n3. top functions (self):");
for (const [a, us] of sum((id) => { const f = byId.get(id)!.callFrame; return `${f.functionName || "(anonymous)"}  ${area(id)}:${f.lineNumber + 1}`; })) console.log(`  ${pct(us)}  ${a}`);
