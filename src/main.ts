// `npm start`: configuration from the environment, then everything up.
import { startApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./core/logger.ts";
import { redact } from "./db/database.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(err.message + "\n");
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  // Nothing a user sends may stop the process: log stray failures and carry on.
  process.on("unhandledRejection", (err) => log.error("unhandled rejection", { err }));

  const app = await startApp({ config, log }).catch((err: Error) => {
    process.stderr.write(`启动失败 / start-up failed: ${err.message}\n`);
    process.exit(1);
  });

  const lines = [
    "",
    "苗圃 Miaopu is running.",
    `  database:   ${app.db.kind === "pglite" ? `PGlite in ${config.databaseUrl.slice("pglite:".length)}` : redact(config.databaseUrl)}`,
    ...app.channels.map((c) => `  chat:       ${c.name} via ${c.transport}${c.name === "wechat" && app.world ? ` (demo: ${app.world.spec.groups.length} groups, ${app.world.spec.people.length} people)` : ""}`),
    `  health:     ${app.url}/health`,
    `  API:        ${app.url}/api/candidates   ${app.url}/api/feedback`,
    `              ${app.url}/api/schedules   ${app.url}/api/outbox   ${app.url}/api/checkins`,
    `  workbench:  ${app.url}/workbench   ← cadres sign in with a code from /登录`,
    ...(app.world ? [`  simulator:  ${app.url}/simulator   ← type as a group member and watch the bot answer`] : []),
    "Press Ctrl+C to stop.",
    "",
  ];
  process.stdout.write(lines.join("\n") + "\n");

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("stopping", { signal });
    app.stop().then(
      () => {
        process.stdout.write("苗圃 Miaopu stopped cleanly.\n");
        process.exit(0);
      },
      () => process.exit(1),
    );
    // A stuck step must not keep the process alive forever.
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

void main();
