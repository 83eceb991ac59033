import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Channel } from "./core/channel.ts";
import type { ChatMessage } from "./core/chat-message.ts";
import { Bot } from "./core/bot.ts";
import { createLogger, type Logger } from "./core/logger.ts";
import { Spool } from "./core/spool.ts";
import type { Config } from "./config.ts";
import { MockWorld } from "./channels/wechaty/mock-world.ts";
import { WechatyChannel } from "./channels/wechaty/wechaty-channel.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { seedDemo } from "./demo/seed.ts";
import { DEMO_BOT, DEMO_GROUPS, DEMO_PEOPLE } from "./demo/world.ts";
import type { AppContext } from "./features/app-context.ts";
import { Directory } from "./features/filing/directory.ts";
import { createPipeline } from "./features/pipeline.ts";
import { createHttpApp } from "./http/app.ts";
import { defaultClassifier, type Classifier } from "./llm/classifier.ts";
import { openAiClassifier } from "./llm/openai-classifier.ts";
import { OutboxSender } from "./jobs/outbox-sender.ts";
import { runDueReminders, type ReminderRun } from "./jobs/reminders.ts";
import { Scheduler } from "./jobs/scheduler.ts";
import { catchUpWeeklyStudy, runWeeklyStudy, STUDY_JOB } from "./jobs/study-week.ts";
import { TIME_ZONE } from "./domain/time.ts";

export interface AppOptions {
  config: Config;
  /** The mock WeChat world; by default the demo world when the puppet is the mock puppet. */
  world?: MockWorld;
  log?: Logger;
  classifier?: Classifier;
  now?: () => Date;
  /** Start the HTTP server (default true). */
  http?: boolean;
  /** Run the node-cron jobs and the outbox sender (default true); tests with a fixed clock call `app.jobs` instead. */
  jobs?: boolean;
  onHandled?: (message: ChatMessage) => void;
}

export interface App {
  config: Config;
  db: Database;
  bot: Bot<AppContext>;
  channel: WechatyChannel;
  world: MockWorld | null;
  server: Server | null;
  /** http://host:port of the running server. */
  url: string | null;
  log: Logger;
  sender: OutboxSender;
  /** The jobs, callable with any clock (what node-cron calls each minute / each week). */
  jobs: {
    reminders(now: Date): Promise<ReminderRun>;
    studyWeek(slot: Date, now: Date): Promise<{ enqueued: number }>;
  };
  stop(): Promise<void>;
}

export const MOCK_PUPPET = "wechaty-puppet-mock";

/** The demo world on the mock puppet, matching the demo seed. */
export function demoWorld(): MockWorld {
  return new MockWorld({ bot: DEMO_BOT, people: DEMO_PEOPLE, groups: DEMO_GROUPS });
}

/** Composition root: database → channel → bot → HTTP → timers. */
export async function startApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const log = opts.log ?? createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl);
  const cleanup: (() => Promise<void>)[] = [() => db.close()];
  try {
    const applied = await migrate(db.sql);
    if (applied.length) log.info("database migrated", { applied });
    if (config.demoData && (await seedDemo(db.prisma))) log.info("demo county seeded");
    if (db.kind === "pglite") {
      // PGlite has no autovacuum worker, so the planner would never get statistics.
      const analyse = () => db.sql.exec("ANALYZE").catch((err) => log.warn("ANALYZE failed", { err }));
      await analyse();
      const timer = setInterval(analyse, 10 * 60_000);
      timer.unref();
      cleanup.unshift(async () => clearInterval(timer));
    }

    const mockPuppet = config.wechaty.puppet === MOCK_PUPPET;
    const world = mockPuppet ? (opts.world ?? demoWorld()) : null;
    const channel = new WechatyChannel({
      name: config.botName,
      puppet: world ? world.puppet : config.wechaty.puppet,
      token: config.wechaty.token,
      log: log.child({ channel: "wechat" }),
    });
    const directory = new Directory(db);
    const classifier =
      opts.classifier ??
      (config.llm ? openAiClassifier({ ...config.llm, fallback: defaultClassifier(), log: log.child({ part: "llm" }) }) : defaultClassifier());
    const services = { db, directory, classifier, botName: config.botName };
    const spool = new Spool(config.spoolDir);
    const bot = new Bot<AppContext>({
      channels: [channel as Channel],
      pipeline: createPipeline(),
      extend: (base) => ({ ...base, services }),
      spool,
      log,
      now: opts.now,
      backlogGraceMs: config.backlogGraceMs,
      onHandled: opts.onHandled,
    });
    channel.onMessage((m) => bot.handle(m));
    await channel.start();
    // On the way down: stop taking messages, finish those in hand, then close the rest.
    cleanup.unshift(async () => {
      await channel.stop();
      await bot.idle();
    });
    world?.login();

    const redrive = () => void bot.redrive().catch((err) => log.error("redrive failed", { err }));
    const timer = setInterval(redrive, config.retryIntervalMs);
    timer.unref();
    cleanup.unshift(async () => clearInterval(timer));
    if (spool.size) log.warn("unfiled messages from an earlier run will be retried", { count: spool.size });
    redrive();

    // The bot's own messages: reminders, summaries, nudges, alerts — all through the outbox.
    const now = opts.now ?? (() => new Date());
    const instance = config.instanceId;
    const sender = new OutboxSender({ sql: db.sql, channel, instance, policy: config.outbox, log: log.child({ part: "outbox" }), now });
    const reminderDeps = { sql: db.sql, instance, log: log.child({ job: "reminders" }), catchUpMs: config.reminderCatchUpMs };
    const studyDeps = { sql: db.sql, instance, log: log.child({ job: STUDY_JOB }), silentDays: config.study.silentDays, nudge: config.study.nudge };
    const jobs: App["jobs"] = {
      reminders: async (at) => {
        const r = await runDueReminders(reminderDeps, at);
        if (r.enqueued) sender.wake();
        return r;
      },
      studyWeek: async (slot, at) => {
        const r = await runWeeklyStudy(studyDeps, slot, at);
        if (r.enqueued) sender.wake();
        return r;
      },
    };
    if (opts.jobs !== false) {
      const scheduler = new Scheduler({ sql: db.sql, instance, log: log.child({ part: "scheduler" }), timeZone: TIME_ZONE });
      // The tick's own rows only say "this minute was swept"; each firing has its own row, kept.
      scheduler.add({ name: "reminders", cron: "* * * * *", run: () => jobs.reminders(now()), keepMs: 7 * 86_400_000 });
      scheduler.add({ name: STUDY_JOB, cron: config.study.summaryCron, run: (slot) => jobs.studyWeek(slot, now()) });
      sender.start();
      cleanup.unshift(async () => {
        await scheduler.stop();
        await sender.stop();
      });
      // Firings missed while the bot was down: sent late if still useful, else recorded as skipped.
      await jobs.reminders(now());
      if (await catchUpWeeklyStudy({ ...studyDeps, cron: config.study.summaryCron, catchUpMs: config.reminderCatchUpMs }, now())) sender.wake();
    }

    let server: Server | null = null;
    let url: string | null = null;
    if (opts.http !== false) {
      const app = createHttpApp({ db, channel, world, bot, config, log });
      server = await new Promise<Server>((resolve, reject) => {
        const s = createServer(app);
        s.once("error", (err: NodeJS.ErrnoException) =>
          reject(err.code === "EADDRINUSE" ? new Error(`port ${config.http.port} on ${config.http.host} is in use: stop the other program or set HTTP_PORT`) : err));
        s.listen(config.http.port, config.http.host, () => resolve(s));
      });
      const addr = server.address() as AddressInfo;
      url = `http://${addr.family === "IPv6" ? `[${addr.address}]` : addr.address}:${addr.port}`;
      const s = server;
      cleanup.unshift(() => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }));
    }

    let stopped: Promise<void> | null = null;
    return {
      config, db, bot, channel, world, server, url, log, sender, jobs,
      stop: () => (stopped ??= runAll(cleanup, log)),
    };
  } catch (err) {
    await runAll(cleanup, log);
    throw err;
  }
}

async function runAll(steps: (() => Promise<void>)[], log: Logger): Promise<void> {
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      log.warn("shutdown step failed", { err });
    }
  }
}
