// Issue 8: at least 10,000 generated command strings through the bot's one entry
// point (bot.handle → pipeline → real database → replies through the mock puppet):
// random Unicode with emoji, lone surrogates, NUL, zero-width and RTL marks,
// full-width forms, very long arguments, SQL- and template-looking text, sent by
// every role in every kind of conversation. Nothing may crash, answer "出了点问题",
// be spooled, or leave /health unhealthy. FUZZ_COUNT changes the count; FUZZ_SEED the seed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEATURES } from "../src/features/index.ts";
import { commandsOf } from "../src/features/install.ts";
import { BS, P, QS, TestApp, YOUTH } from "./support/harness.ts";

const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = commandsOf(FEATURES).flatMap((c) => c.names);
const KEYS = ["村", "类别", "来源", "电话", "性别", "出生", "学历", "地点", "链接", "范围", "模板", "时区", "提前", "主题", "constructor", "__proto__", "toString"];
const PIECES = [
  "'; DROP TABLE \"Candidate\"; --", "1 OR 1=1", "$1", "%s%s%n", "\\x00", "{{constructor.constructor('return process')()}}", "${process.exit(1)}",
  "{群名}{日期}{主题}{链接}", "<script>alert(1)</script>", "#0", "#-1", "#99999999999999999999", "#1.5", "0x7D0", "1e309", "NaN", "Infinity",
  "每天 20:00", "* * * * *", "0 0 20 * * 1-5", "2027-02-30 25:61", "每月第五个周五", "明天 9:00", "青山镇", "青山村", "青溪县", "张伟", "@李娟",
  "13812345678", "330102199001011234", "6222021234567890123", "学习强国 30分钟", "Asia/Shanghai", "Mars/Olympus", "http://", "javascript:alert(1)",
  "👍", "👨‍👩‍👧‍👦", "🇨🇳", "\uD83D", "\uDE00", "\u0000", "\u200B", "\u200D", "\uFEFF", "\u202E", "\u200F", "\u2005", "\u3000", "ＡＢＣ１２３", "／",
];

function generate(r: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const unicode = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) {
      const x = r();
      if (x < 0.5) s += String.fromCharCode(0x4e00 + Math.floor(r() * 0x5000)); // CJK
      else if (x < 0.7) s += String.fromCodePoint(0x1f300 + Math.floor(r() * 0x300)); // emoji
      else if (x < 0.8) s += String.fromCharCode(Math.floor(r() * 0x10000)); // any BMP unit, lone surrogates included
      else if (x < 0.9) s += String.fromCharCode(0xff01 + Math.floor(r() * 0x5e)); // full-width forms
      else s += pick(PIECES);
    }
    return s;
  };
  const slash = pick(["/", "/", "/", "／", "、", "@苗圃助手\u2005/", " /"]);
  const name = r() < 0.9 ? pick(NAMES) : unicode(1 + Math.floor(r() * 6));
  const fullWidth = r() < 0.1 ? name.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : name;
  const args: string[] = [];
  const nArgs = Math.floor(r() * 5);
  for (let i = 0; i < nArgs; i++) {
    const x = r();
    if (x < 0.3) args.push(pick(PIECES));
    else if (x < 0.55) args.push(`${pick(KEYS)}${pick(["=", "＝", ":", "："])}${r() < 0.5 ? pick(PIECES) : unicode(1 + Math.floor(r() * 12))}`);
    else if (x < 0.6) args.push(unicode(500 + Math.floor(r() * 4500))); // very long
    else args.push(unicode(1 + Math.floor(r() * 20)));
  }
  return `${slash}${fullWidth}${args.length ? pick([" ", "\u3000", "  ", "\n"]) : ""}${args.join(pick([" ", "\u3000", "\t"]))}`;
}

describe("fuzzing the command path", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ http: true });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it(`${COUNT} generated commands: no internal error, nothing spooled, /health ok`, { timeout: 30 * 60_000 }, async () => {
    const r = rng(SEED);
    const senders = [P.county, P.qsOrganiser, P.qsCadre, P.bsOrganiser, P.bsCadre, P.lijuan, P.zhangwei, P.wangfang, P.zhengyu, P.newcomer];
    const rooms = [QS, QS, BS, YOUTH, ""];
    const bad: { text: string; reply: string }[] = [];
    let replies = 0;
    for (let i = 0; i < COUNT; i++) {
      const text = generate(r);
      const sent = await t.handle(t.chat(senders[Math.floor(r() * senders.length)]!, rooms[Math.floor(r() * rooms.length)]!, text));
      replies += sent.length;
      for (const s of sent) if (/出了点问题|暂存/.test(s.text)) bad.push({ text: JSON.stringify(text).slice(0, 300), reply: s.text });
    }
    console.log(`fuzz: ${COUNT} commands (seed ${SEED}), ${replies} replies, ${bad.length} internal errors, ${t.app.bot.unfiled} spooled`);
    expect(bad).toEqual([]);
    expect(t.app.bot.unfiled).toBe(0);
    const health = await fetch(t.app.url + "/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", unfiledMessages: 0 });
    // Alive and still answering.
    expect(await t.ask(P.lijuan, QS, "/帮助")).toContain("/档案");
  });
});
