// A real app process for test/outbox-crash.test.ts, which kills it with SIGKILL.
// It runs with jobs on (so the outbox sender loops on its own) and appends every
// message the bot hands to WeChat as one JSON line to OUTBOX_CHILD_LOG. The mock
// puppet reports a sent message synchronously inside its send call, and the line
// is written with appendFileSync there, so a line exists iff the message went out.
// When no message is left to send it stops the app and exits 0.
// With OUTBOX_CHILD_WAIT=1 it loads its modules, prints "warm" and waits for a line
// on stdin before it opens the database, so the parent can restart it at once after a kill.
//
//   DATABASE_URL=… OUTBOX_CHILD_LOG=/tmp/x.jsonl INSTANCE_ID=child-1 node --import tsx test/support/outbox-child.ts
import { appendFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoWorld, startApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";

const logFile = process.env.OUTBOX_CHILD_LOG;
if (!logFile || !process.env.DATABASE_URL) {
  process.stderr.write("outbox-child needs DATABASE_URL and OUTBOX_CHILD_LOG\n");
  process.exit(2);
}

const config = loadConfig({
  DATABASE_URL: process.env.DATABASE_URL,
  INSTANCE_ID: process.env.INSTANCE_ID ?? `outbox-child-${process.pid}`,
  SPOOL_DIR: process.env.SPOOL_DIR ?? mkdtempSync(path.join(tmpdir(), "miaopu-child-spool-")),
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  HTTP_PORT: "0",
  OUTBOX_INTERVAL_SECONDS: "0.02",
  OUTBOX_JITTER_SECONDS: "0",
  OUTBOX_CONVERSATION_INTERVAL_SECONDS: "0",
  OUTBOX_LEASE_SECONDS: "1",
  OUTBOX_POLL_SECONDS: "0.2",
  // The crash test sends 150 messages fast: the send budget is not what it is about.
  SEND_BUDGET_PER_CHANNEL: "1000000",
  // Only the parent's messages: no catch-up of a weekly summary that happens to be due.
  REMINDER_CATCH_UP_MINUTES: "0",
  // The symposium crash test runs at any hour of the day.
  ...(process.env.QUIET_HOURS ? { QUIET_HOURS: process.env.QUIET_HOURS } : {}),
});

if (process.env.OUTBOX_CHILD_WAIT === "1") {
  process.stdout.write("warm\n");
  await new Promise<void>((resolve) => {
    process.stdin.once("data", () => resolve());
    // The parent went away without starting us.
    process.stdin.once("end", () => process.exit(1));
  });
  process.stdin.pause();
}

const world = demoWorld();
const record = (to: string, text: string) => appendFileSync(logFile, JSON.stringify({ to, text, pid: process.pid }) + "\n");
world.onRoomMessage((l) => {
  if (l.fromBot) record(l.roomId, l.text);
});
world.onDirectMessage((l) => record(l.toId, l.text));

const app = await startApp({ config, world, http: false, jobs: true });
process.stdout.write(`ready ${process.pid}\n`);

// Exit once everything has gone out (the parent reads the database afterwards).
for (;;) {
  await new Promise((r) => setTimeout(r, 100));
  const [left] = await app.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE status <> 'sent'`);
  if (left!.n === 0) break;
}
await app.stop();
process.stdout.write("drained\n");
process.exit(0);
