import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, demoWorld, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { ChatMessage } from "../../src/core/chat-message.ts";
import { createLogger } from "../../src/core/logger.ts";
import type { MockWorld } from "../../src/channels/wechaty/mock-world.ts";
import { createPostgresDatabase, seededPgliteFolder, type DbKind } from "./databases.ts";

export const QS = "demo-qingshan@chatroom";
export const BS = "demo-baishui@chatroom";
export const YOUTH = "demo-youth@chatroom";
export const P = {
  county: "wxid_demo_county",
  qsOrganiser: "wxid_demo_qs_organiser",
  qsCadre: "wxid_demo_qs_cadre",
  bsOrganiser: "wxid_demo_bs_organiser",
  bsCadre: "wxid_demo_bs_cadre",
  lijuan: "wxid_demo_lijuan",
  zhangwei: "wxid_demo_zhangwei",
  wangfang: "wxid_demo_wangfang",
  zhengyu: "wxid_demo_zhengyu",
  newcomer: "wxid_demo_newcomer",
} as const;

/** Wait until `cond` holds (polling every 20 ms), or fail naming `what`. */
export async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Reply {
  roomId: string;
  /** For private messages: who received it. */
  toId?: string;
  text: string;
}

/**
 * The whole app on the mock puppet and a real database: a fresh PGlite folder
 * (a copy of one migrated, seeded template), or a fresh PostgreSQL database. `say` speaks as a member and returns what the bot
 * sent back by the time it finished handling the message.
 */
export class TestApp {
  private readonly waiters = new Map<string, () => void>();
  private readonly handled = new Set<string>();
  readonly sent: Reply[] = [];

  private constructor(
    readonly app: App,
    readonly world: MockWorld,
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async start(
    opts: {
      db?: DbKind;
      env?: Record<string, string>;
      world?: MockWorld;
      pgliteDir?: string;
      http?: boolean;
      /** Run node-cron and the outbox sender (default true); false to drive `app.jobs` / `app.sender.step()` with a fixed clock. */
      jobs?: boolean;
      /** The app's clock (default: real time). */
      now?: () => Date;
      /** An existing database URL to use as is (not dropped at stop): a second instance on the same database. */
      databaseUrl?: string;
    } = {},
  ): Promise<TestApp> {
    const world = opts.world ?? demoWorld();
    let dropDb = async () => {};
    let databaseUrl = opts.databaseUrl ?? (opts.pgliteDir ? `pglite:${opts.pgliteDir}` : "");
    if (!databaseUrl && opts.db !== "postgres") {
      // Seeded exactly when the app would seed it.
      const demo = loadConfig(opts.env ?? {}).demoData;
      const folder = await seededPgliteFolder(demo);
      databaseUrl = `pglite:${folder.dir}`;
      dropDb = async () => folder.remove();
    }
    if (opts.db === "postgres" && !opts.databaseUrl) {
      const created = await createPostgresDatabase();
      databaseUrl = created.url;
      dropDb = created.drop;
    }
    const spoolDir = mkdtempSync(path.join(tmpdir(), "miaopu-spool-"));
    const config = loadConfig({ DATABASE_URL: databaseUrl, HTTP_PORT: "0", SPOOL_DIR: spoolDir, LOG_LEVEL: "silent", ...opts.env });
    let t: TestApp | undefined;
    const app = await startApp({
      config,
      world,
      http: opts.http ?? false,
      jobs: opts.jobs,
      now: opts.now,
      log: createLogger(config.logLevel),
      onHandled: (m: ChatMessage) => t?.markHandled(m.id),
    });
    t = new TestApp(app, world, async () => {
      await app.stop();
      await dropDb();
      rmSync(spoolDir, { recursive: true, force: true });
    });
    world.onRoomMessage((l) => {
      if (l.fromBot) t!.sent.push({ roomId: l.roomId, text: l.text });
    });
    world.onDirectMessage((l) => t!.sent.push({ roomId: "", toId: l.toId, text: l.text }));
    return t;
  }

  get prisma() {
    return this.app.db.prisma;
  }

  private markHandled(id: string): void {
    this.handled.add(id);
    this.waiters.get(id)?.();
  }

  /** Wait until the bot has handled message `id`. */
  waitHandled(id: string, timeoutMs = 10_000): Promise<void> {
    if (this.handled.has(id)) {
      this.handled.delete(id);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`message ${id} not handled within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.set(id, () => {
        clearTimeout(timer);
        this.waiters.delete(id);
        this.handled.delete(id);
        resolve();
      });
    });
  }

  /** Speak in a group; returns the bot's messages sent while handling it. */
  async say(wxid: string, roomId: string, text: string, opts: { mentions?: string[]; timestamp?: number; id?: string } = {}): Promise<Reply[]> {
    return this.collect(() => this.world.say(wxid, roomId, text, opts));
  }

  async sayPrivately(wxid: string, text: string): Promise<Reply[]> {
    return this.collect(() => this.world.sayPrivately(wxid, text));
  }

  /** Run a delivery and return what the bot sent until it finished handling it. */
  async collect(deliver: () => string): Promise<Reply[]> {
    const from = this.sent.length;
    const id = deliver();
    await this.waitHandled(id);
    return this.sent.slice(from);
  }

  /** The text of the single reply, for the common case. */
  async ask(wxid: string, roomId: string, text: string, opts: { mentions?: string[] } = {}): Promise<string> {
    const replies = await this.say(wxid, roomId, text, opts);
    if (replies.length !== 1) throw new Error(`expected one reply to ${JSON.stringify(text)}, got ${JSON.stringify(replies)}`);
    return replies[0]!.text;
  }

  /** Step the outbox sender until it has to wait; returns what reached the rooms and people. */
  async drainOutbox(): Promise<Reply[]> {
    const from = this.sent.length;
    let handed = 0;
    while ((await this.app.sender.step()) === 0) handed++;
    await until(`${handed} sends to arrive`, () => this.sent.length >= from + handed);
    return this.sent.slice(from);
  }

  stop(): Promise<void> {
    return this.cleanup();
  }
}
