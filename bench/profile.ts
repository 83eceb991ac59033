// `npx tsx bench/profile.ts [pglite|postgres]`: where a message's time goes on the
// full path. Sends messages one at a time (no overlap, so the spans add up to the
// wall time) and times each stage by wrapping the app's own objects from outside:
//   delivery  world.say → bot.handle entered (mock puppet, Wechaty, toChatMessage)
//   handle    bot.handle entered → onHandled
//     sql     db.sql.query (the archive INSERT)
//     prisma  each Prisma operation, by model.operation
//     send    channel.send (the bot's replies)
// Settings: PROFILE_MESSAGES (default 1000), PROFILE_CONCURRENCY (default 1),
// PROFILE_SPANS=0 to time only the total, PROFILE_CPU=out.cpuprofile to record a V8
// CPU profile of the measured part only (summarise with bench/cpuprofile-summary.ts),
import { out } from "./quiet.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { startApp, demoWorld } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/core/logger.ts";
import type { ChatMessage } from "../src/core/chat-message.ts";
import { createPostgresDatabase } from "../test/support/databases.ts";

const kind = process.argv[2] === "postgres" ? "postgres" : "pglite";
const N = Number(process.env.PROFILE_MESSAGES ?? 1000);
const CONC = Number(process.env.PROFILE_CONCURRENCY ?? 1);
const WARMUP = 200;

const QS = "demo-qingshan@chatroom";
const BS = "demo-baishui@chatroom";
const SPEAKERS: [string, string][] = [
  ["wxid_demo_lijuan", QS], ["wxid_demo_zhengyu", BS], ["wxid_demo_zhangwei", QS], ["wxid_demo_fengxue", BS],
  ["wxid_demo_wangfang", QS], ["wxid_demo_heping", BS], ["wxid_demo_sunli", QS], ["wxid_demo_gaofeng", BS],
];
const text = (i: number) => (i % 20 === 19 ? "建议村里搞电商直播卖茶叶" : "今天回村里看了看，路修得不错");

const spans = new Map<string, { n: number; ms: number }>();
const add = (name: string, ms: number) => {
  const s = spans.get(name) ?? { n: 0, ms: 0 };
  s.n++;
  s.ms += ms;
  spans.set(name, s);
};
let recording = false;
async function timed<T>(name: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await f();
  } finally {
    if (recording) add(name, performance.now() - t);
  }
}

const created = kind === "postgres" ? await createPostgresDatabase("miaopu_bench") : null;
const spoolDir = mkdtempSync(path.join(tmpdir(), "miaopu-profile-spool-"));
const config = loadConfig({ DATABASE_URL: created?.url ?? "pglite:memory", SPOOL_DIR: spoolDir, LOG_LEVEL: "silent", DEMO_DATA: "true" });
const world = demoWorld();
const sentAt = new Map<string, number>();
const waiters = new Map<string, () => void>();
const app = await startApp({
  config, world, http: false, log: createLogger("silent"),
  onHandled: (m: ChatMessage) => {
    const t0 = sentAt.get(m.id);
    if (t0 !== undefined && recording) add("total (say → onHandled)", performance.now() - t0);
    waiters.get(m.id)?.();
  },
});
try {
  while (!app.channel().isReady()) await new Promise((r) => setTimeout(r, 10));


  // Wrap from outside; the app reads these properties at call time.
  // PROFILE_SPANS=0 leaves the app unwrapped (for a clean --cpu-prof).
  if (process.env.PROFILE_SPANS !== "0") {
  const db = app.db;
  const query = db.sql.query.bind(db.sql);
  db.sql.query = ((q: string, p?: unknown[]) => timed(`sql.query ${q.trim().split(/\s+/).slice(0, 3).join(" ")}`, () => query(q, p))) as typeof db.sql.query;
  db.prisma = db.prisma.$extends({
    query: { $allOperations: ({ model, operation, args, query: run }) => timed(`prisma ${model}.${operation}`, () => run(args)) },
  }) as unknown as typeof db.prisma;
  const send = app.channel().send.bind(app.channel);
  app.channel().send = (to, m) => timed("channel.send (reply)", () => send(to, m));
  const handle = app.bot.handle.bind(app.bot);
  app.bot.handle = (m: ChatMessage) => {
    const t0 = sentAt.get(m.id);
    if (t0 !== undefined && recording) add("delivery (say → bot.handle)", performance.now() - t0);
    return timed("bot.handle", () => handle(m));
  };
  }

  const run = async (from: number, count: number) => {
    let next = from;
    const worker = async () => {
      while (next < from + count) {
        const i = next++;
        const [wxid, room] = SPEAKERS[i % SPEAKERS.length]!;
        const id = `prof-${i}`;
        const done = new Promise<void>((r) => waiters.set(id, r));
        sentAt.set(id, performance.now());
        if (recording) {
          const t = performance.now();
          world.say(wxid, room, text(i), { id });
          add("world.say (sync part)", performance.now() - t);
        } else world.say(wxid, room, text(i), { id });
        await done;
      }
    };
    await Promise.all(Array.from({ length: CONC }, worker));
  };
  await run(0, WARMUP);
  const cpuOut = process.env.PROFILE_CPU;
  const session = cpuOut ? new Session() : null;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
    await session.post("Profiler.start");
  }
  recording = true;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run(WARMUP, N);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  recording = false;
  if (session && cpuOut) {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(cpuOut, JSON.stringify(profile));
    session.disconnect();
    process.stderr.write(`CPU profile of the measured part written to ${cpuOut}\n`);
  }

  out(`${kind}: ${N} messages, ${CONC} in flight, ${(wall / N).toFixed(3)} ms wall per message (${((N / wall) * 1000).toFixed(0)} msgs/s), ${((cpu.user + cpu.system) / 1000 / N).toFixed(3)} ms CPU per message`);
  out(`${"span".padEnd(48)} ${"count".padStart(6)} ${"ms each".padStart(8)} ${"ms/msg".padStart(8)} ${"% wall".padStart(7)}`);
  for (const [name, s] of [...spans].sort((a, b) => b[1].ms - a[1].ms)) {
    out(`${name.padEnd(48)} ${String(s.n).padStart(6)} ${(s.ms / s.n).toFixed(3).padStart(8)} ${(s.ms / N).toFixed(3).padStart(8)} ${((s.ms / wall) * 100).toFixed(1).padStart(6)}%`);
  }
} finally {
  await app.stop();
  await created?.drop();
  rmSync(spoolDir, { recursive: true, force: true });
}
