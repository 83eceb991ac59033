import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Channel } from "./core/channel.ts";
import type { ChatMessage } from "./core/chat-message.ts";
import { Bot } from "./core/bot.ts";
import { createLogger, type Logger } from "./core/logger.ts";
import { SendBudget } from "./core/send-budget.ts";
import { Spool } from "./core/spool.ts";
import type { Config } from "./config.ts";
import { MockWorld } from "./channels/wechaty/mock-world.ts";
import { WechatyChannel } from "./channels/wechaty/wechaty-channel.ts";
import { wecomChannels } from "./channels/wecom/index.ts";
import { openDatabase, type Database } from "./db/database.ts";
import { migrate } from "./db/migrate.ts";
import { seedDemo } from "./demo/seed.ts";
import { startWecomDemo } from "./demo/wecom-demo.ts";
import { DEMO_BOT, DEMO_GROUPS, DEMO_PEOPLE } from "./demo/world.ts";
import type { OutboxPolicy } from "./domain/outbox-policy.ts";
import { TIME_ZONE } from "./domain/time.ts";
import type { AppContext, Services } from "./features/context.ts";
import type { Feature, FeatureJob, JobResult } from "./features/feature.ts";
import { bindConfiguredGroups } from "./features/binding/service.ts";
import { Directory } from "./features/filing/directory.ts";
import { FEATURES } from "./features/index.ts";
import { buildPipeline, routesOf } from "./features/install.ts";
import { createHttpApp } from "./http/app.ts";
import { Scheduler } from "./jobs/scheduler.ts";
import { defaultClassifier, type Classifier } from "./llm/classifier.ts";
import { ModelQueue } from "./llm/classification-queue.ts";
import { openAiModel } from "./llm/openai-classifier.ts";
import { applyVerdict } from "./features/feedback/model-verdict.ts";
import { Outbox } from "./outbox/index.ts";

export interface AppOptions {
  config: Config;
  /** The mock WeChat world; by default the demo world when the puppet is the mock puppet. */
  world?: MockWorld;
  /**
   * The "wechat" channel itself, instead of Wechaty (a MemoryChannel named "wechat"
   * lets tests run the whole bot without a chat library).
   */
  wechat?: Channel;
  /** More channels in the same process, each with its outbox policy (default: the configured one). */
  channels?: { channel: Channel; policy?: OutboxPolicy }[];
  /** The features to install (default: all of them, src/features/index.ts). */
  features?: Feature[];
  log?: Logger;
  classifier?: Classifier;
  now?: () => Date;
  random?: () => number;
  /** Start the HTTP server (default true). */
  http?: boolean;
  /** Run the scheduled jobs and the outbox senders (default true); tests with a fixed clock call `app.jobs` instead. */
  jobs?: boolean;
  onHandled?: (message: ChatMessage) => void;
}

export interface App {
  config: Config;
  db: Database;
  bot: Bot<AppContext>;
  services: Services;
  /** Every channel this process speaks on. */
  channels: Channel[];
  /** The channel named `name` (default "wechat"). */
  channel(name?: string): Channel;
  outbox: Outbox;
  world: MockWorld | null;
  server: Server | null;
  /** http://host:port of the running server. */
  url: string | null;
  log: Logger;
  /** Run a job by name with any clock (what the scheduler does when it comes due); `slot` defaults to `now`. */
  runJob(name: string, now: Date, slot?: Date): Promise<JobResult>;
  stop(): Promise<void>;
}

export const MOCK_PUPPET = "wechaty-puppet-mock";

/** The demo world on the mock puppet, matching the demo seed. */
export function demoWorld(): MockWorld {
  return new MockWorld({ bot: DEMO_BOT, people: DEMO_PEOPLE, groups: DEMO_GROUPS });
}

/** Composition root: database → channels → services → features → bot → HTTP → jobs. */
export async function startApp(opts: AppOptions): Promise<App> {
  const { config } = opts;
  const log = opts.log ?? createLogger(config.logLevel);
  // The demo's clock can be moved forward from the simulator (never backward), so a newcomer
  // sees a holiday campaign's later steps without waiting days; only with the mock puppet.
  let demoOffsetMs = 0;
  const now = opts.now ?? (() => new Date(Date.now() + demoOffsetMs));
  const db = await openDatabase(config.databaseUrl);
  const cleanup: (() => Promise<void>)[] = [() => db.close()];
  try {
    const applied = await migrate(db.sql);
    if (applied.length) log.info("database migrated", { applied });
    if (config.demoData && (await seedDemo(db.prisma))) log.info("demo county seeded");
    if (db.kind === "pglite") {
      // PGlite has no autovacuum worker, so the planner would never get statistics. Only
      // the app's own tables: a bare ANALYZE also reads every system catalog (~0.4 s at each start).
      // Each run samples up to 30,000 rows a table (300 × default_statistics_target), and
      // PGlite's memory keeps the pages a sample touched: its resident part follows the
      // largest sample so far, ~0.3 MB per 1,000 rows, so it grows on a young database and
      // stops once the largest table passes 30,000 rows (8–12 MB in all, by row width;
      // bench/README.md, the soak).
      const analyse = async () => {
        try {
          const tables = await db.sql.query<{ t: string }>("SELECT quote_ident(tablename) AS t FROM pg_tables WHERE schemaname = 'public'");
          if (tables.length) await db.sql.exec(`ANALYZE ${tables.map((r) => r.t).join(", ")}`);
        } catch (err) {
          log.warn("ANALYZE failed", { err });
        }
      };
      await analyse();
      const timer = setInterval(analyse, 10 * 60_000);
      timer.unref();
      cleanup.unshift(async () => clearInterval(timer));
    }

    // Channels: WeChat (the mock puppet's demo world, a real puppet, or a stand-in) unless
    // turned off, WeCom's when configured, then any others.
    const mockPuppet = config.wechaty.puppet === MOCK_PUPPET;
    const wechatOn = !!opts.wechat || config.wechaty.enabled;
    const world = wechatOn && !opts.wechat && mockPuppet ? (opts.world ?? demoWorld()) : null;
    const wechat = !wechatOn
      ? null
      : (opts.wechat ??
        new WechatyChannel({
          name: config.botName,
          puppet: world ? world.puppet : config.wechaty.puppet,
          token: config.wechaty.token,
          log: log.child({ channel: "wechat" }),
        }));
    await bindConfiguredGroups(db.prisma, config.wecom.robots.map((r) => ({ channel: "wecom-robot", externalId: r.name, area: r.area })));
    // The demo's WeCom group, on the fake WeCom server in this process (only beside the demo world).
    const wecomDemo = world && config.wecom.demo ? await startWecomDemo(db.prisma, config.botName, log) : null;
    if (wecomDemo) cleanup.unshift(() => wecomDemo.stop());
    const channels = [
      ...(wechat ? [{ channel: wechat, policy: config.outbox }] : []),
      ...wecomChannels(config, log),
      ...(wecomDemo ? [{ channel: wecomDemo.channel, policy: { ...config.outbox, intervalMs: config.wecom.intervalMs, jitterMs: 0, conversationIntervalMs: 0 } }] : []),
      ...(opts.channels ?? []).map((c) => ({ channel: c.channel, policy: c.policy ?? config.outbox })),
    ];
    const names = channels.map((c) => c.channel.name);
    if (new Set(names).size !== names.length) throw new Error(`two channels share a name: ${names.join(", ")}`);

    // One send budget per channel, for replies and the outbox alike.
    const budget = new SendBudget(config.sendBudget);
    const outbox = new Outbox({ sql: db.sql, channels, instance: config.instanceId, log, now, random: opts.random, privatePreference: config.privatePreference, budget, quiet: config.quietHours });
    // Every message is read at once without a model; with one configured, its verdict
    // follows from a durable queue, so filing never waits for it.
    const classifier = opts.classifier ?? defaultClassifier();
    const model = config.llm ? openAiModel({ ...config.llm, log: log.child({ part: "llm" }) }) : undefined;
    const modelQueue = config.llm && model
      ? new ModelQueue({
          ...config.llm,
          db,
          model,
          fallback: classifier,
          apply: applyVerdict(db),
          log: log.child({ part: "llm" }),
          now,
        })
      : undefined;
    const services: Services = { db, directory: new Directory(db), classifier, modelQueue, model, outbox, config, botName: config.botName, log };
    const features = opts.features ?? FEATURES;

    const spool = new Spool(config.spoolDir);
    const bot = new Bot<AppContext>({
      channels: channels.map((c) => c.channel),
      pipeline: buildPipeline(features),
      extend: (base) => ({ ...base, services }),
      spool,
      log,
      now,
      backlogGraceMs: config.backlogGraceMs,
      onHandled: opts.onHandled,
      budget,
      databaseUp: () => db.sql.query("SELECT 1").then(() => true),
      onRateLimited: (channel, detail) => outbox.rateLimited(channel, detail),
    });
    for (const { channel } of channels) {
      channel.onMessage((m) => bot.handle(m));
      await channel.start();
    }
    // On the way down: stop taking messages, finish those in hand, then close the rest.
    cleanup.unshift(async () => {
      for (const { channel } of channels) await channel.stop();
      await bot.idle();
    });
    world?.login();

    const redrive = () => void bot.redrive().catch((err) => log.error("redrive failed", { err }));
    const timer = setInterval(redrive, config.retryIntervalMs);
    timer.unref();
    cleanup.unshift(async () => clearInterval(timer));
    if (spool.size) log.warn("unfiled messages from an earlier run will be retried", { count: spool.size });
    redrive();

    // The bot's own messages — reminders, summaries, nudges, answers, alerts — all go through the outbox.
    const featureJobs: FeatureJob[] = features.flatMap((f) => f.jobs?.(services) ?? []);
    const runJob: App["runJob"] = (name, at, slot) => {
      const job = featureJobs.find((j) => j.name === name);
      if (!job) throw new Error(`no job named ${name}; installed: ${featureJobs.map((j) => j.name).join(", ")}`);
      return job.run(slot ?? at, at);
    };
    if (opts.jobs !== false) {
      const scheduler = new Scheduler({ sql: db.sql, instance: config.instanceId, log: log.child({ part: "scheduler" }), timeZone: TIME_ZONE });
      for (const j of featureJobs) scheduler.add({ name: j.name, cron: j.cron, run: (slot) => j.run(slot, now()), keepMs: j.keepMs });
      outbox.start();
      modelQueue?.start();
      cleanup.unshift(async () => {
        await scheduler.stop();
        await outbox.stop();
        await modelQueue?.stop();
      });
      for (const j of featureJobs) await j.catchUp?.(now());
    }

    let server: Server | null = null;
    let url: string | null = null;
    if (opts.http !== false) {
      const demoClock = world && !opts.now ? { now, forward: (ms: number) => void (demoOffsetMs += ms) } : null;
      const http = createHttpApp({ services, channels: channels.map((c) => c.channel), routes: routesOf(features), world, wecomDemo, bot, now, demoClock });
      server = await new Promise<Server>((resolve, reject) => {
        const s = createServer(http);
        s.once("error", (err: NodeJS.ErrnoException) =>
          reject(err.code === "EADDRINUSE" ? new Error(`port ${config.http.port} on ${config.http.host} is in use: stop the other program or set HTTP_PORT`) : err));
        s.listen(config.http.port, config.http.host, () => resolve(s));
      });
      const addr = server.address() as AddressInfo;
      url = `http://${addr.family === "IPv6" ? `[${addr.address}]` : addr.address}:${addr.port}`;
      const s = server;
      cleanup.unshift(() => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }));
    }

    const byName = new Map(channels.map((c) => [c.channel.name, c.channel]));
    let stopped: Promise<void> | null = null;
    return {
      config, db, bot, services, outbox, world, server, url, log, runJob,
      channels: channels.map((c) => c.channel),
      channel: (name = "wechat") => {
        const c = byName.get(name);
        if (!c) throw new Error(`no channel named ${name}`);
        return c;
      },
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
