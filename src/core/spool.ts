import { appendFileSync, mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { clip } from "../domain/text.ts";
import type { ChatMessage } from "./chat-message.ts";

/**
 * Messages that could not be filed (the database was unreachable), kept on local
 * disk until a later attempt files them. Append-only JSON lines; a drain rewrites
 * the file atomically with what still fails. `dir: null` keeps them in memory only.
 */
export class Spool {
  private readonly file: string | null;
  /** Messages that failed while the database answered: kept for a person, never retried. */
  readonly asideFile: string | null;
  private memory: ChatMessage[] = [];
  readonly aside: ChatMessage[] = [];

  constructor(dir: string | null) {
    this.file = dir ? path.join(dir, "unfiled-messages.jsonl") : null;
    this.asideFile = dir ? path.join(dir, "set-aside-messages.jsonl") : null;
    if (dir) mkdirSync(dir, { recursive: true });
    if (this.file && existsSync(this.file)) {
      this.memory = readFileSync(this.file, "utf8").split("\n").filter(Boolean).flatMap((line) => {
        try {
          const m = JSON.parse(line) as ChatMessage;
          return [{ ...m, sentAt: new Date(m.sentAt) }];
        } catch {
          return []; // a torn last line from a crash mid-append
        }
      });
    }
  }

  get size(): number {
    return this.memory.length;
  }

  add(message: ChatMessage): void {
    if (this.memory.some((m) => m.channel === message.channel && m.id === message.id)) return;
    this.memory.push(message);
    if (this.file) appendFileSync(this.file, JSON.stringify(message) + "\n");
  }

  /** Keep a message that cannot be filed however often it is tried, with why. */
  setAside(message: ChatMessage, err: unknown): void {
    this.aside.push(message);
    if (this.asideFile) appendFileSync(this.asideFile, JSON.stringify({ ...message, error: clip(String((err as Error)?.message ?? err), 500) }) + "\n");
  }

  /** Try each message once; keep those whose attempt throws. Returns how many were filed. */
  async drain(attempt: (message: ChatMessage) => Promise<void>): Promise<number> {
    const pending = this.memory;
    this.memory = [];
    const failed: ChatMessage[] = [];
    for (const m of pending) {
      try {
        await attempt(m);
      } catch {
        failed.push(m);
      }
    }
    // Messages added while draining are already in this.memory.
    this.memory = [...failed, ...this.memory];
    if (this.file) {
      const tmp = this.file + ".tmp";
      writeFileSync(tmp, this.memory.map((m) => JSON.stringify(m) + "\n").join(""));
      renameSync(tmp, this.file);
    }
    return pending.length - failed.length;
  }
}
