// Bench section "wecom": messages per second end to end through the WeCom intelligent
// bot — the official SDK over a real WebSocket to the fake WeCom server on loopback,
// then the whole bot and PGlite — against the same traffic through the Wechaty mock
// puppet in the same app and the same run.
//   BENCH_WECOM_MESSAGES  measured messages per channel (default 3000)
//   BENCH_CONCURRENCY     messages kept in flight (default 32)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp } from "../src/app.ts";
import { FakeWecomServer } from "../src/channels/wecom/fake-server.ts";
import { loadConfig } from "../src/config.ts";
import type { BenchSection, SectionResult } from "./sections.ts";

const N = Number(process.env.BENCH_WECOM_MESSAGES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const WARMUP = 200;
const QS = "demo-qingshan@chatroom";
const WECHAT_SPEAKERS = ["wxid_demo_lijuan", "wxid_demo_zhangwei", "wxid_demo_wangfang", "wxid_demo_liuqiang", "wxid_demo_chenjing", "wxid_demo_yangfan"];
const WECOM_SPEAKERS = ["LiJuan", "ZhangWei", "WangFang", "LiuQiang", "ChenJing", "YangFan"];
const WECOM_GROUP = "wrBenchQingshan";
const TALK = ["今天回村里看了看，路修得不错", "收到", "明天上午九点村委会见", "今年的春茶长势挺好的，采茶的人也多", "我在镇上办事，下午回来", "天气预报说这周有雨，出门记得带伞"];

/** Keep `concurrency` messages in flight until `count` are handled; returns wall and CPU ms. */
async function drive(count: number, concurrency: number, say: (i: number) => string, handled: Map<string, () => void>): Promise<{ ms: number; cpuMs: number }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`message ${i} not handled within 30 s`)), 30_000);
        // Handling is asynchronous on both channels, so the id is known before it ends.
        const id = say(i);
        handled.set(id, () => {
          clearTimeout(timer);
          handled.delete(id);
          resolve();
        });
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

async function run(log: (msg: string) => void): Promise<SectionResult> {
  const server = await FakeWecomServer.start({ botId: "aib-bench", secret: "bench-secret", botName: "苗圃助手", people: {} });
  const spool = mkdtempSync(path.join(tmpdir(), "miaopu-bench-wecom-"));
  const handled = new Map<string, () => void>();
  const config = loadConfig({
    DATABASE_URL: "pglite:memory",
    HTTP_PORT: "0",
    LOG_LEVEL: "silent",
    SPOOL_DIR: spool,
    WECOM_BOT_ID: "aib-bench",
    WECOM_BOT_SECRET: "bench-secret",
    WECOM_WS_URL: server.url,
  });
  const app = await startApp({ config, http: false, jobs: false, onHandled: (m) => handled.get(m.id)?.() });
  const problems: string[] = [];
  try {
    const wecom = app.channel("wecom");
    for (let i = 0; !wecom.isReady(); i++) {
      if (i > 500) throw new Error("the WeCom bot did not connect to the fake server");
      await new Promise((r) => setTimeout(r, 20));
    }
    const township = await app.db.prisma.area.findFirstOrThrow({ where: { name: "青山镇" } });
    await app.db.prisma.liaisonGroup.create({ data: { channel: "wecom", externalId: WECOM_GROUP, topic: "青山镇企业微信群", areaId: township.id } });

    const world = app.world!;
    const viaWechat = (i: number) => world.say(WECHAT_SPEAKERS[i % WECHAT_SPEAKERS.length]!, QS, TALK[i % TALK.length]!);
    const viaWecom = (i: number) => server.sayInGroup(WECOM_SPEAKERS[i % WECOM_SPEAKERS.length]!, WECOM_GROUP, TALK[i % TALK.length]!);
    log(`warm-up: ${WARMUP} messages per channel`);
    await drive(WARMUP, CONCURRENCY, viaWechat, handled);
    await drive(WARMUP, CONCURRENCY, viaWecom, handled);
    log(`mock puppet: ${N} messages`);
    const wechatMs = await drive(N, CONCURRENCY, viaWechat, handled);
    log(`WeCom through the fake server: ${N} messages`);
    const wecomMs = await drive(N, CONCURRENCY, viaWecom, handled);

    const filed = await app.db.prisma.archivedMessage.count({ where: { channel: "wecom" } });
    if (filed !== N + WARMUP) problems.push(`WeCom: ${filed} messages filed, expected ${N + WARMUP}`);
    const wecomRate = N / (wecomMs.ms / 1000);
    const wechatRate = N / (wechatMs.ms / 1000);
    const cpu = (r: { cpuMs: number }) => Math.round((r.cpuMs / N) * 1000) / 1000;
    return {
      lines: [
        `WeCom bot (SDK → WebSocket → fake server → bot → PGlite): ${wecomRate.toFixed(0)} msgs/s   (${N} messages, ${CONCURRENCY} in flight, ${filed} filed)`,
        `Wechaty mock puppet, same app, same run:                  ${wechatRate.toFixed(0)} msgs/s   → WeCom at ${((wecomRate / wechatRate) * 100).toFixed(0)}% of it`,
        `CPU ms per message (the whole process, fake server included): WeCom ${cpu(wecomMs)}, mock puppet ${cpu(wechatMs)}`,
      ],
      json: {
        wecom_msgs_per_s: Math.round(wecomRate),
        wecom_mock_puppet_msgs_per_s: Math.round(wechatRate),
        wecom_vs_mock_puppet_pct: Math.round((wecomRate / wechatRate) * 1000) / 10,
        wecom_cpu_ms_per_msg: cpu(wecomMs),
        wecom_mock_puppet_cpu_ms_per_msg: cpu(wechatMs),
      },
      problems,
    };
  } finally {
    await app.stop();
    await server.close();
    rmSync(spool, { recursive: true, force: true });
  }
}

export const wecomSection: BenchSection = {
  name: "wecom",
  title: "WeCom: messages per second through the intelligent bot, against the mock puppet",
  run,
};
