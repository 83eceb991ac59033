// kill -9 in the middle of sending: the real app runs in a child process
// (test/support/outbox-child.ts) and logs every message it hands to WeChat; we
// kill it a few times while it drains the outbox, restart it, and check that no
// message was lost and at most the one in flight at each kill went out twice.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { enqueue, type OutboxInput } from "../src/outbox/service.ts";
import { BS, P, QS, YOUTH } from "./support/harness.ts";
import { createPostgresDatabase, DB_KINDS, postgresUnavailable, type DbKind } from "./support/databases.ts";

const root = path.resolve(import.meta.dirname, "..");
const skipPg = await postgresUnavailable();

const MESSAGES = 150;
/** Kill the child once this many deliveries (over all runs) have been logged. */
const KILL_AFTER = [15, 80];
const TO = [QS, BS, YOUTH, P.lijuan, P.zhangwei, P.zhengyu];

interface Child {
  proc: ChildProcess;
  /** Modules loaded; waiting for `go`. */
  warm: Promise<void>;
  go(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

// Loading the app's modules (Wechaty above all) takes seconds, so each child loads
// them ahead and opens the database only when told to: the restart after a kill
// is then as quick as a supervisor's would be.
function spawnChild(databaseUrl: string, logFile: string, instance: string): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", "test/support/outbox-child.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, OUTBOX_CHILD_LOG: logFile, SPOOL_DIR: path.join(path.dirname(logFile), `spool-${instance}`), OUTBOX_CHILD_WAIT: "1", INSTANCE_ID: instance, LOG_LEVEL: "warn" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let warmed = () => {};
  const warm = new Promise<void>((r) => (warmed = r));
  proc.stdout!.on("data", (d) => {
    output += d;
    if (/^warm$/m.test(output)) warmed();
  });
  proc.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.on("exit", (code, signal) => r({ code, signal })));
  return { proc, warm, go: () => proc.stdin!.write("go\n"), exited, output: () => output };
}

function deliveries(logFile: string): { to: string; text: string; pid: number }[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

async function waitFor(cond: () => boolean, child: Child, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) throw new Error(`child exited (${child.proc.exitCode ?? child.proc.signalCode}) before ${what}:\n${child.output()}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe.each(DB_KINDS)("kill -9 while sending, on %s", (kind: DbKind) => {
  const skip = kind === "postgres" && skipPg !== null;
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it.skipIf(skip)(skip ? `skipped: ${skipPg}` : `loses nothing and repeats at most the message in flight at each of ${KILL_AFTER.length} kills`, { timeout: 150_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "miaopu-crash-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    let databaseUrl = `pglite:${path.join(dir, "pglite")}`;
    if (kind === "postgres") {
      const created = await createPostgresDatabase();
      databaseUrl = created.url;
      cleanups.push(created.drop);
    }
    const logFile = path.join(dir, "sent.jsonl");

    const children = [...KILL_AFTER, "final"].map((_, i) => spawnChild(databaseUrl, logFile, `crash-child-${i + 1}`));
    cleanups.push(async () => {
      for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
    });

    // Queue the messages before any app runs.
    const texts = Array.from({ length: MESSAGES }, (_, i) => `崩溃测试消息 #${i + 1}`);
    const db = await openDatabase(databaseUrl);
    try {
      await migrate(db.sql);
      const rows: OutboxInput[] = texts.map((text, i) => {
        const to = TO[i % TO.length]!;
        return { key: `crash:${i + 1}`, channel: "wechat", conversation: to, isGroup: to.endsWith("@chatroom"), text, purpose: "reminder" };
      });
      expect(await enqueue(db.sql, rows, new Date())).toBe(MESSAGES);
    } finally {
      await db.close();
    }
    await Promise.all(children.map((c) => c.warm));

    for (const [i, after] of KILL_AFTER.entries()) {
      const child = children[i]!;
      child.go();
      await waitFor(() => deliveries(logFile).length >= after, child, `${after} deliveries`, 60_000);
      child.proc.kill("SIGKILL");
      expect((await child.exited).signal).toBe("SIGKILL");
    }
    const last = children.at(-1)!;
    last.go();
    const end = await Promise.race([last.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    expect(end, `the restarted app did not drain the outbox:\n${last.output()}`).toEqual({ code: 0, signal: null });

    const log = deliveries(logFile);
    const count = new Map<string, number>();
    for (const d of log) count.set(d.text, (count.get(d.text) ?? 0) + 1);
    const lost = texts.filter((t) => !count.has(t));
    const repeated = texts.reduce((n, t) => n + Math.max(0, (count.get(t) ?? 0) - 1), 0);
    const runs = new Set(log.map((d) => d.pid)).size;
    console.log(
      `[outbox crash, ${kind}] ${MESSAGES} messages, ${KILL_AFTER.length} kills (after ${KILL_AFTER.join(", ")} deliveries), ${runs} processes sent: ` +
        `delivered ${log.length}, lost ${lost.length}, repeated ${repeated}` +
        (repeated ? ` (${texts.filter((t) => (count.get(t) ?? 0) > 1).join("; ")})` : ""),
    );
    expect(lost).toEqual([]);
    expect(repeated).toBeLessThanOrEqual(KILL_AFTER.length);
    expect(log.every((d) => texts.includes(d.text))).toBe(true);
    // Each message went to its own conversation.
    for (const d of log) expect(d.to).toBe(TO[(Number(/#(\d+)/.exec(d.text)![1]) - 1) % TO.length]);

    const after = await openDatabase(databaseUrl);
    try {
      const rows = await after.sql.query<{ status: string; n: number }>(`SELECT status::text AS status, count(*)::int AS n FROM "OutboxMessage" GROUP BY status`);
      expect(rows).toEqual([{ status: "sent", n: MESSAGES }]);
    } finally {
      await after.close();
    }
  });
});
