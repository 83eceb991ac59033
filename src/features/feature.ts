import type { Middleware } from "../core/composer.ts";
import type { Logger } from "../core/logger.ts";
import type { Actor } from "../domain/permissions.ts";
import type { AppContext, Services } from "./context.ts";
import type { Command } from "./router.ts";

/**
 * A capability, declared in one module: the commands, pipeline steps, scheduled jobs,
 * HTTP routes and help lines it adds. The composition root installs a list of them
 * (src/features/index.ts), so adding a feature is one folder and one line there.
 *
 * @example
 * export const ping: Feature = {
 *   name: "ping",
 *   commands: [{ names: ["在吗", "ping"], summary: "看看我在不在", usage: "/在吗", minRole: "guest", run: (ctx) => ctx.reply("在") }],
 *   routes: [{ method: "get", path: "/ping", handle: async () => ({ ok: true }) }],
 * };
 */
export interface Feature {
  readonly name: string;
  /** Slash commands; /帮助 lists them for whoever may use them. */
  commands?: Command[];
  /** Steps in the message pipeline, by stage (see PipelineStage). */
  steps?: Partial<Record<PipelineStage, Middleware<AppContext>>>;
  /** Jobs the scheduler runs: built once at start from the services. */
  jobs?(services: Services): FeatureJob[];
  /** JSON routes under /api, acting as the request's actor. */
  routes?: Route[];
  /** Lines at the end of /帮助 (how ordinary messages are treated, say). */
  help?: string[];
}

/**
 * Where a step runs, in this order for every message:
 * - `intake`: before anything else (filing the message; one feature only);
 * - `backlog`: for messages replayed after a re-login, which are never answered;
 * - then the slash commands;
 * - `conversation`: for ordinary talk that is not a command.
 */
export type PipelineStage = "intake" | "backlog" | "conversation";

/** Counts a job reports (fired, skipped, enqueued…). */
export type JobResult = Record<string, number>;

export interface FeatureJob {
  /** Also the JobRun row's name for its slots. */
  name: string;
  /** 5-field cron, Beijing time. */
  cron: string;
  /** `slot` is the firing being run; `now` the clock's time. */
  run(slot: Date, now: Date): Promise<JobResult>;
  /** What was missed while no instance ran (called once at start). */
  catchUp?(now: Date): Promise<JobResult>;
  /** Forget this job's JobRun rows older than this (a minute tick would keep 1,440 a day). */
  keepMs?: number;
}

/** A route handler's answer: JSON-able data, or bytes of a given type (a spreadsheet, a page). */
export class RawReply {
  constructor(
    readonly type: string,
    readonly body: string | Buffer,
    readonly opts: { status?: number; filename?: string } = {},
  ) {}
}

export interface Route {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Under /api, express style: "/candidates/:id". */
  path: string;
  handle(req: RouteRequest): Promise<unknown>;
}

export interface RouteRequest {
  /** Who is asking: the same Actor and permission rule as the chat. */
  actor: Actor;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  services: Services;
  log: Logger;
  now(): Date;
}
