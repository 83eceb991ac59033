// `npm start`: run src/main.ts on plain Node, from one file compiled with esbuild.
// package.json starts it with `--max-semi-space-size=2` (MB): V8's young generation stays
// small, so an idle county server holds about 25–40 MB less (bench section `process`:
// PGlite 274 → 251 MB, PostgreSQL 220 → 182 MB, same run), for ~5% more CPU per message.
//
// Why not `tsx src/main.ts`: tsx keeps a second Node process (its CLI, ~50 MB) and
// routes every module the app loads — about 3,800 files with the libraries — through
// loader hooks on another thread, which cost more CPU than loading them (bench/README.md,
// section 8). Here the application's own TypeScript (src/, with the Prisma client
// generated into it) becomes one ES module in node_modules/.cache/miaopu/; the
// libraries stay external and load from node_modules as before. It is rebuilt
// (~0.3 s) whenever one of its inputs changed since, so editing src/ and running
// `npm start` runs the edit, as with tsx. Stack traces point into src/*.ts
// (source map). Nothing here downloads: esbuild is installed with tsx.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ENTRY = "src/main.ts";
const OUT_DIR = path.join(ROOT, "node_modules", ".cache", "miaopu");
const OUT = path.join(OUT_DIR, "main.mjs");
const META = path.join(OUT_DIR, "main.inputs.json");
/** Bump when the build options below change, so bundles built the old way are rebuilt. */
const BUILD = 3;
/** Not bundled, but they shape the bundle. */
const ALSO_INPUTS = ["scripts/start.mjs", "tsconfig.json", "package.json", "package-lock.json"];

/** Size and mtime of a file relative to ROOT, or null when it is gone. */
function fingerprint(rel) {
  try {
    const s = statSync(path.join(ROOT, rel));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/** True when no bundle was built yet, or any of its inputs changed since. */
function stale() {
  let meta;
  try {
    meta = JSON.parse(readFileSync(META, "utf8"));
  } catch {
    return true;
  }
  if (meta.build !== BUILD || fingerprint(path.relative(ROOT, OUT)) !== meta.out) return true;
  return Object.entries(meta.inputs).some(([rel, fp]) => fingerprint(rel) !== fp);
}

/**
 * Each module of the app keeps its own import.meta.url (files next to it are read
 * through it: the simulator page, the migrations, the model, the divisions), rewritten
 * relative to the bundle so the checkout may move.
 */
const ownImportMeta = {
  name: "own-import-meta",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta")) return { contents: source, loader: "ts" };
      const rel = path.relative(OUT_DIR, args.path).split(path.sep).join("/");
      const url = `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
      return {
        contents: source
          .replaceAll("import.meta.url", url)
          .replaceAll("import.meta.dirname", `__miaopu_path.dirname(__miaopu_fileURLToPath(${url}))`)
          .replaceAll("import.meta.filename", `__miaopu_fileURLToPath(${url})`),
        loader: "ts",
      };
    });
  },
};

/**
 * The mock puppet (the demo's WeChat) imports `faker`, whose main entry loads all of its
 * 60 locales: 1,500 files, ~0.3 s CPU and ~28 MB at every start. It only ever uses the
 * default locale, English, so the bundle takes the mock puppet in and points its `faker`
 * at the English locale alone (160 files, ~70 ms, ~11 MB): the same API and the same
 * generated names. Everything else the mock puppet imports stays in node_modules.
 */
const mockPuppetWithEnglishFaker = {
  name: "mock-puppet-english-faker",
  setup(b) {
    b.onResolve({ filter: /^wechaty-puppet-mock$/ }, () => ({ path: path.join(ROOT, "node_modules/wechaty-puppet-mock/dist/esm/src/mod.js") }));
    b.onResolve({ filter: /^faker$/ }, (args) => (args.importer.includes(`${path.sep}wechaty-puppet-mock${path.sep}`) ? { path: "faker/locale/en.js", external: true } : undefined));
  },
};

/**
 * Wechaty's URL-link helper imports `open-graph` (with `request`, `cheerio`, `ajv`…: ~0.2 s
 * CPU and ~27 MB) at load time, though it is only called to preview a link the bot sends,
 * which it never does. The bundle takes Wechaty in (its libraries stay in node_modules) and
 * hands that helper a stand-in that loads `open-graph` on its first call, so it still works.
 */
const OPEN_GRAPH_ON_FIRST_USE = `export default function og(url, cb, options) {
  import("open-graph").then((m) => (m.default ?? m)(url, cb, options), cb);
}`;
const wechatyWithLazyOpenGraph = {
  name: "wechaty-lazy-open-graph",
  setup(b) {
    b.onResolve({ filter: /^wechaty\/impls$/ }, () => ({ path: path.join(ROOT, "node_modules/wechaty/dist/esm/src/mods/impls.js") }));
    b.onResolve({ filter: /^open-graph$/ }, (args) =>
      args.importer.includes(`${path.sep}wechaty${path.sep}`) ? { path: "open-graph-on-first-use", namespace: "miaopu" } : undefined);
    b.onLoad({ filter: /^open-graph-on-first-use$/, namespace: "miaopu" }, () => ({ contents: OPEN_GRAPH_ON_FIRST_USE, loader: "js", resolveDir: ROOT }));
  },
};

async function build() {
  const esbuild = await import("esbuild");
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: `${OUT}.tmp-${process.pid}`,
      sourcemap: "linked",
      sourcesContent: false,
      metafile: true,
      logLevel: "error",
      banner: { js: 'import { fileURLToPath as __miaopu_fileURLToPath } from "node:url"; import __miaopu_path from "node:path";' },
      plugins: [ownImportMeta, mockPuppetWithEnglishFaker, wechatyWithLazyOpenGraph],
    });
    // Publish atomically: another instance starting at the same time reads one whole bundle.
    renameSync(`${OUT}.tmp-${process.pid}.map`, `${OUT}.map`);
    const code = readFileSync(`${OUT}.tmp-${process.pid}`, "utf8").replace(/sourceMappingURL=\S+$/m, "sourceMappingURL=main.mjs.map");
    writeFileSync(`${OUT}.tmp-${process.pid}`, code);
    renameSync(`${OUT}.tmp-${process.pid}`, OUT);
    const inputs = {};
    for (const rel of [...Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules/")), ...ALSO_INPUTS]) inputs[rel] = fingerprint(rel);
    writeFileSync(`${META}.tmp-${process.pid}`, JSON.stringify({ build: BUILD, out: fingerprint(path.relative(ROOT, OUT)), inputs }));
    renameSync(`${META}.tmp-${process.pid}`, META);
  } finally {
    // esbuild's service process would otherwise stay beside the app.
    await esbuild.stop();
  }
}

if (stale()) {
  mkdirSync(OUT_DIR, { recursive: true });
  try {
    await build();
  } catch (err) {
    // esbuild has printed where the source is wrong.
    process.stderr.write(`启动失败 / start-up failed: could not compile ${ENTRY} and what it imports (${err.message.split("\n")[0].replace(/:$/, "")}; see above)\n`);
    process.exit(1);
  }
}
// WebAssembly (PGlite's PostgreSQL, Prisma's query compiler) on V8's baseline compiler only:
// optimising PostgreSQL's 9 MB module as it warms up cost ~0.6 s of CPU and ~50 MB at start,
// and the filing bench used no more CPU per message without it (bench/README.md, section 8).
v8.setFlagsFromString("--liftoff-only");
process.setSourceMapsEnabled(true);
await import(pathToFileURL(OUT).href);
