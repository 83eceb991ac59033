import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApp, demoWorld, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { ChatMessage } from "../../src/core/chat-message.ts";
import { createLogger, type Logger } from "../../src/core/logger.ts";
import type { MemoryChannel } from "../../src/channels/memory/memory-channel.ts";
import type { MockWorld } from "../../src/channels/wechaty/mock-world.ts";
import type { OutboxPolicy } from "../../src/domain/outbox-policy.ts";
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

/**
 * Wait until `cond` holds (polling every 20 ms), or fail naming `what`. A wait for something
 * to happen, not a limit on how fast: 20 s, inside vitest's 30 s per test, because a whole-app
 * restart on PostgreSQL once took over 10 s to send while the full suite loaded two cores.
 */
export async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
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
  /** Set for channels other than WeChat. */
  channel?: string;
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
      /** Run node-cron and the outbox sender (default true); false to drive `app.jobs` / `app.outbox.sender("wechat").step()` with a fixed clock. */
      jobs?: boolean;
      /** The app's clock (default: real time). */
      now?: () => Date;
      /** An existing database URL to use as is (not dropped at stop): a second instance on the same database. */
      databaseUrl?: string;
      /** Channels beside WeChat, each with its outbox policy (default: the configured one). */
      channels?: { channel: MemoryChannel; policy?: OutboxPolicy }[];
      /** Where the app logs (default: the configured level to stderr). */
      log?: Logger;
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
    // The outbox sends at once unless a test is about pacing (it sets its own).
    const fastOutbox = { OUTBOX_INTERVAL_SECONDS: "0", OUTBOX_JITTER_SECONDS: "0", OUTBOX_CONVERSATION_INTERVAL_SECONDS: "0" };
    // Nor does the send budget hold back tests that are not about it (test/features/flood.test.ts is).
    const roomyBudget = { SEND_BUDGET_PER_SENDER: "100000", SEND_BUDGET_PER_GROUP: "100000", SEND_BUDGET_PER_CHANNEL: "100000" };
    const config = loadConfig({ DATABASE_URL: databaseUrl, HTTP_PORT: "0", SPOOL_DIR: spoolDir, LOG_LEVEL: "silent", ...fastOutbox, ...roomyBudget, ...opts.env });
    let t: TestApp | undefined;
    const app = await startApp({
      config,
      world,
      http: opts.http ?? false,
      jobs: opts.jobs,
      now: opts.now,
      channels: opts.channels,
      log: opts.log ?? createLogger(config.logLevel),
      onHandled: (m: ChatMessage) => t?.markHandled(m.id),
    });
    t = new TestApp(app, world, async () => {
      await app.stop();
      await dropDb();
      rmSync(spoolDir, { recursive: true, force: true });
    });
    for (const { channel } of opts.channels ?? []) {
      channel.onSent((m) => t!.sent.push(m.to.isGroup ? { roomId: m.to.id, text: m.text, channel: channel.name } : { roomId: "", toId: m.to.id, text: m.text, channel: channel.name }));
    }
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

  /**
   * The fast way in: hand a ChatMessage straight to the bot's one entry point (no chat
   * library in between) and return what it sent while handling it. `chat()` builds one.
   */
  async handle(message: ChatMessage): Promise<Reply[]> {
    return this.collect(() => {
      void this.app.bot.handle(message);
      return message.id;
    });
  }

  /** A ChatMessage from someone of the demo county, in a group (or privately when `room` is ""). */
  chat(from: string, room: string, text: string, over: Partial<ChatMessage> = {}): ChatMessage {
    const name = this.world.name(from);
    const group = this.world.spec.groups.find((g) => g.roomId === room);
    return {
      id: `h-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      channel: "wechat",
      conversation: room ? { id: room, topic: group?.topic ?? room, isGroup: true } : { id: from, topic: name, isGroup: false },
      sender: { id: from, name },
      kind: "text",
      text,
      sentAt: new Date(),
      mentions: [],
      fromSelf: false,
      ...over,
    };
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

  /** Wait for the bot to send something matching `pred` (among messages from index `since` on); returns it. */
  async waitSent(pred: (r: Reply) => boolean, since = 0, ms = 10_000): Promise<Reply> {
    let found: Reply | undefined;
    await until("the bot to send the expected message", () => (found = this.sent.slice(since).find(pred)) !== undefined, ms);
    return found!;
  }

  /**
   * Step every channel's outbox sender (or only those named) until each has to wait;
   * returns what reached the rooms and people of WeChat and the memory channels.
   */
  async drainOutbox(only?: string[]): Promise<Reply[]> {
    const from = this.sent.length;
    let handed = 0;
    for (const [name, sender] of this.app.outbox.senders) if (!only || only.includes(name)) while ((await sender.step()) === 0) handed++;
    await until(`${handed} sends to arrive`, () => this.sent.length >= from + handed);
    return this.sent.slice(from);
  }

  stop(): Promise<void> {
    return this.cleanup();
  }
}
