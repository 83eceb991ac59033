// Does the process keep something for every message? `node --expose-gc --import tsx
// bench/heap-growth.ts [postgres|pglite]` starts the app in this process on the demo
// world (a throwaway PostgreSQL database, or PGlite in a temporary folder), says
// HEAP_MESSAGES (30,000) messages one at a time, and every 3,000 prints the JS heap after
// two full collections, the resident C heap and the resident part of PGlite's memory: a
// flat line is no leak, a slope is bytes kept per message.
// HEAP_SNAPSHOTS=1 also writes heap snapshots after 6,000 messages and at the end
// (/tmp/miaopu-heap-*.heapsnapshot), to compare in Chrome's DevTools (Comparison view).
// This is how the mock puppet's pool of message objects was found (src/channels/wechaty/mock-world.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { startApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/core/logger.ts";
import { createPostgresDatabase } from "../test/support/databases.ts";
import { residentParts } from "./process.ts";

const TEXTS = ["今天回村里看了看，路修得不错", "收到", "好的，谢谢王书记", "明天上午九点村委会见", "/帮助", "建议村里搞电商直播，把茶叶卖出去", "照片我发到群相册里了，大家看看", "/打卡 学习强国 30分钟"];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc --import tsx bench/heap-growth.ts");
const kind = process.argv[2] ?? "postgres";
const N = Number(process.env.HEAP_MESSAGES ?? 30_000);
const EVERY = 3_000;

const dir = mkdtempSync(path.join(tmpdir(), "miaopu-heap-"));
const db = kind === "postgres" ? await createPostgresDatabase("miaopu_heap") : null;
const config = loadConfig({ ...process.env, DATABASE_URL: db?.url ?? `pglite:${dir}/pglite`, SPOOL_DIR: `${dir}/spool`, LOG_LEVEL: "warn", HTTP_PORT: "0" });
let handled: (() => void) | null = null;
const app = await startApp({ config, log: createLogger("warn"), onHandled: () => { const h = handled; handled = null; h?.(); } });
try {
  while (!app.channel().isReady()) await new Promise((r) => setTimeout(r, 100));
  const world = app.world!;
  const speakers = world.spec.groups.flatMap((g) => g.members.map((wxid) => ({ roomId: g.roomId, wxid })));
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  console.log(`${kind}: ${N} messages, JS heap after full GC every ${EVERY}`);
  for (let i = 1; i <= N; i++) {
    const s = speakers[i % speakers.length]!;
    const done = new Promise<void>((r) => (handled = r));
    world.say(s.wxid, s.roomId, TEXTS[i % TEXTS.length]!);
    await done;
    if (i % EVERY) continue;
    gc();
    gc();
    const m = process.memoryUsage();
    const wasm = app.services.db.memoryBytes();
    const parts = residentParts(process.pid, wasm === null ? null : wasm / 1024);
    const c = parts?.nativeHeapRssMb;
    const pg = parts?.sizedRssMb;
    console.log(`${String(i).padStart(7)} messages: heap ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB, C heap resident ${c === undefined ? "?" : c.toFixed(1)} MB` +
      `${pg === undefined || pg === null ? "" : `, PGlite resident ${pg.toFixed(1)} MB`}, rss ${mb(m.rss)} MB`);
    if (process.env.HEAP_SNAPSHOTS === "1" && (i === 2 * EVERY || i === N)) console.log(`  snapshot ${v8.writeHeapSnapshot(`/tmp/miaopu-heap-${i}.heapsnapshot`)}`);
  }
} finally {
  await app.stop();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
}
