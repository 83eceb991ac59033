// Driving test/support/outbox-child.ts from a kill -9 test: spawn it warm, start it,
// read what it handed to WeChat, kill it after so many deliveries, run the last one out.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { NO_QUIET_HOURS } from "./quiet-hours.ts";

const root = path.resolve(import.meta.dirname, "../..");

export interface Child {
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
export function spawnChild(databaseUrl: string, logFile: string, instance: string, env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", "test/support/outbox-child.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, OUTBOX_CHILD_LOG: logFile, SPOOL_DIR: path.join(path.dirname(logFile), `spool-${instance}`), OUTBOX_CHILD_WAIT: "1", INSTANCE_ID: instance, LOG_LEVEL: "warn", ...NO_QUIET_HOURS, ...env },
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

/** Every message the children handed to WeChat, in order. */
export function deliveries(logFile: string): { to: string; text: string; pid: number }[] {
  if (!existsSync(logFile)) return [];
  return readFileSync(logFile, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

export async function waitFor(cond: () => boolean, child: Child, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) throw new Error(`child exited (${child.proc.exitCode ?? child.proc.signalCode}) before ${what}:\n${child.output()}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Start each child but the last and kill it with SIGKILL once `delivered()` reaches its
 * number in `killAfter`; then start the last and wait until it has drained and exited.
 */
export async function killWhileSending(children: Child[], killAfter: number[], delivered: () => number): Promise<void> {
  for (const [i, after] of killAfter.entries()) {
    const child = children[i]!;
    child.go();
    await waitFor(() => delivered() >= after, child, `${after} deliveries`, 60_000);
    child.proc.kill("SIGKILL");
    expect((await child.exited).signal).toBe("SIGKILL");
  }
  const last = children.at(-1)!;
  last.go();
  const end = await Promise.race([last.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
  expect(end, `the restarted app did not drain the outbox:\n${last.output()}`).toEqual({ code: 0, signal: null });
}
