// kill -9 in the middle of sending: the real app runs in a child process
// (test/support/outbox-child.ts) and logs every message it hands to WeChat; we
// kill it a few times while it drains the outbox, restart it, and check that no
// message was lost and at most the one in flight at each kill went out twice.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { enqueue, type OutboxInput } from "../src/outbox/service.ts";
import { BS, P, QS, YOUTH } from "./support/harness.ts";
import { deliveries, killWhileSending, spawnChild } from "./support/crash-child.ts";
import { createPostgresDatabase, DB_KINDS, postgresUnavailable, type DbKind } from "./support/databases.ts";

const skipPg = await postgresUnavailable();

const MESSAGES = 150;
/** Kill the child once this many deliveries (over all runs) have been logged. */
const KILL_AFTER = [15, 80];
const TO = [QS, BS, YOUTH, P.lijuan, P.zhangwei, P.zhengyu];

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

    await killWhileSending(children, KILL_AFTER, () => deliveries(logFile).length);

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
