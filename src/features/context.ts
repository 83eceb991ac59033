import type { BotContext } from "../core/context.ts";
import { forbidden } from "../core/errors.ts";
import type { Config } from "../config.ts";
import type { Logger } from "../core/logger.ts";
import type { Database } from "../db/database.ts";
import type { AreaRef } from "../domain/area.ts";
import type { Actor } from "../domain/permissions.ts";
import type { ModelQueue } from "../llm/classification-queue.ts";
import type { Classifier } from "../llm/classifier.ts";
import type { ModelClient } from "../llm/openai-classifier.ts";
import type { Outbox } from "../outbox/index.ts";
import type { Directory, GroupRecord, MemberRecord } from "./filing/directory.ts";

/** What every handler, job and route may use; built once by the composition root. */
export interface Services {
  db: Database;
  directory: Directory;
  /** The recogniser without a model: decides at once, for every message. */
  classifier: Classifier;
  /** With a language model configured: the queue its verdicts come from, after filing. */
  modelQueue?: ModelQueue;
  /** The language model itself, when configured (the digest's prose). */
  model?: ModelClient;
  outbox: Outbox;
  config: Config;
  botName: string;
  log: Logger;
}

/** The bot context as Miaopu's handlers see it, filled in by the filing step. */
export interface AppContext extends BotContext {
  readonly services: Services;
  filed?: Filed;
}

export interface Filed {
  member: MemberRecord;
  actor: Actor;
  /** The liaison group, or null in a private chat (and for /绑定群 in an unbound group). */
  group: GroupRecord | null;
  /** The archived message's id; null when the message was not archived. */
  messageId: number | null;
}

export type FiledContext = AppContext & { filed: Filed };

/** The area a message speaks for: the sender's village if known, else the group's. */
export function areaOf(filed: Filed): AreaRef | null {
  return filed.member.candidateVillage ?? filed.group?.area ?? null;
}

/** The area a cadre's rights cover, or the refusal every cadre command gives without one. */
export function cadreArea(filed: Filed): AreaRef {
  if (!filed.actor.area) throw forbidden("您的账号没有分管区域，请联系县委组织部设置。");
  return filed.actor.area;
}
