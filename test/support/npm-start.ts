// `npm start` as a person runs it, for tests: its output, waiting for a line, its exit.
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export function npmStart(env: Record<string, string>) {
  // detached: its own process group, so a signal reaches npm and its children as Ctrl+C would.
  const child = spawn("npm", ["start", "--silent"], { cwd: root, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | string | null>((r) => child.on("exit", (code, signal) => r(code ?? signal)));
  const waitFor = async (re: RegExp, ms: number) => {
    const until = Date.now() + ms;
    while (!re.test(stdout)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}; stdout:\n${stdout}\nstderr:\n${stderr}`);
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}; stderr:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return re.exec(stdout)!;
  };
  /** Ctrl+C to the whole process group, as a person would press it. */
  const interrupt = () => process.kill(-child.pid!, "SIGINT");
  /** After a test, whatever happened: make sure nothing is left running. */
  const killIfRunning = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  return { child, exited, waitFor, interrupt, killIfRunning, out: () => ({ stdout, stderr }) };
}

