import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { z } from "zod";
import { parseQuietHours } from "./domain/cultivation/light-touch.ts";
import type { OutboxPolicy } from "./domain/outbox-policy.ts";
import { checkCron, nextCronFiring } from "./domain/schedule/cron.ts";
import { TIME_ZONE } from "./domain/time.ts";

/**
 * Every setting Miaopu reads, parsed once at start. `.env.example` documents
 * each one; a wrong value stops start-up naming the variable and what it expects.
 */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const ConfigSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^(pglite:.+|postgres(ql)?:\/\/.+)$/, "expected pglite:<folder>, pglite:memory or postgresql://user@host:port/db")
      .default("pglite:./data/pglite"),
    HTTP_HOST: z.string().min(1).default("127.0.0.1"),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    API_TOKEN: z.string().min(16, "expected at least 16 characters").optional(),
    WECHATY_PUPPET: z.string().min(1).default("wechaty-puppet-mock"),
    WECHATY_PUPPET_TOKEN: z.string().optional(),
    BOT_NAME: z.string().min(1).default("苗圃助手"),
    DEMO_DATA: bool.optional(),
    SPOOL_DIR: z.string().min(1).default("./data/spool"),
    RETRY_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(15),
    BACKLOG_GRACE_SECONDS: z.coerce.number().int().min(0).default(120),
    OPENAI_BASE_URL: z.url({ message: "expected a URL such as http://127.0.0.1:8000/v1" }).optional(),
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_MODEL: z.string().min(1).optional(),
    OPENAI_TIMEOUT_SECONDS: z.coerce.number().positive().default(8),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    INSTANCE_ID: z.string().min(1).max(100).optional(),
    REMINDER_CATCH_UP_MINUTES: z.coerce.number().min(0).max(7 * 24 * 60).default(120),
    OUTBOX_INTERVAL_SECONDS: z.coerce.number().min(0).default(3),
    OUTBOX_JITTER_SECONDS: z.coerce.number().min(0).default(2),
    OUTBOX_CONVERSATION_INTERVAL_SECONDS: z.coerce.number().min(0).default(30),
    OUTBOX_DAILY_CAP: z.coerce.number().int().min(1).default(300),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
    OUTBOX_RETRY_SECONDS: z.coerce.number().positive().default(30),
    OUTBOX_LEASE_SECONDS: z.coerce.number().positive().default(60),
    OUTBOX_RATE_LIMIT_PAUSE_MINUTES: z.coerce.number().positive().default(60),
    OUTBOX_POLL_SECONDS: z.coerce.number().positive().default(1),
    // Checked in superRefine by the engine that fires it, so any line it runs is accepted (L, 5L, 2#2 too).
    STUDY_SUMMARY_CRON: z.string().default("0 20 * * 0"),
    STUDY_SILENT_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    // Private by default (a light touch: never single people out in the group); "mention" is a county's choice.
    STUDY_NUDGE: z.enum(["mention", "private", "off"]).default("private"),
    STUDY_SUMMARY_NAMES: bool.default(false),
    QUIET_HOURS: z
      .string()
      .default("21:30-08:00")
      .refine((s) => parseQuietHours(s) !== null, "expected two Beijing times such as 21:30-08:00"),
    REPORT_RHYTHM: z.enum(["monthly", "quarterly"]).default("monthly"),
    REPORT_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(7),
    CULTIVATION_CRON: z.string().default("0 10 * * *"),
    NOTICE_DAYS: z.coerce.number().int().min(1).max(30).default(5),
    JOINT_REVIEW_OFFICES: z.string().default(""),
  })
  .transform((env) => ({
    databaseUrl: env.DATABASE_URL,
    http: { host: env.HTTP_HOST, port: env.HTTP_PORT, apiToken: env.API_TOKEN },
    wechaty: { puppet: env.WECHATY_PUPPET, token: env.WECHATY_PUPPET_TOKEN },
    botName: env.BOT_NAME,
    // The demo world only makes sense with the mock puppet, so that is the default.
    demoData: env.DEMO_DATA ?? env.WECHATY_PUPPET === "wechaty-puppet-mock",
    backlogGraceMs: env.BACKLOG_GRACE_SECONDS * 1000,
    spoolDir: env.SPOOL_DIR,
    retryIntervalMs: env.RETRY_INTERVAL_SECONDS * 1000,
    logLevel: env.LOG_LEVEL,
    instanceId: env.INSTANCE_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
    reminderCatchUpMs: env.REMINDER_CATCH_UP_MINUTES * 60_000,
    outbox: {
      intervalMs: env.OUTBOX_INTERVAL_SECONDS * 1000,
      jitterMs: env.OUTBOX_JITTER_SECONDS * 1000,
      conversationIntervalMs: env.OUTBOX_CONVERSATION_INTERVAL_SECONDS * 1000,
      dailyCap: env.OUTBOX_DAILY_CAP,
      maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
      backoffBaseMs: env.OUTBOX_RETRY_SECONDS * 1000,
      backoffMaxMs: Math.max(env.OUTBOX_RETRY_SECONDS * 1000, 3_600_000),
      leaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
      rateLimitPauseMs: env.OUTBOX_RATE_LIMIT_PAUSE_MINUTES * 60_000,
      pollMs: env.OUTBOX_POLL_SECONDS * 1000,
    } satisfies OutboxPolicy,
    study: { summaryCron: env.STUDY_SUMMARY_CRON, silentDays: env.STUDY_SILENT_DAYS, nudge: env.STUDY_NUDGE, summaryNames: env.STUDY_SUMMARY_NAMES },
    cultivation: {
      quietHours: parseQuietHours(env.QUIET_HOURS)!,
      reportRhythm: env.REPORT_RHYTHM,
      reportReminderDays: env.REPORT_REMINDER_DAYS,
      cron: env.CULTIVATION_CRON,
      noticeDays: env.NOTICE_DAYS,
      jointReviewOffices: env.JOINT_REVIEW_OFFICES.split(/[,，、]/).map((s) => s.trim()).filter(Boolean),
    },
    // No endpoint: the rule-based classifier alone, which needs nothing.
    llm: env.OPENAI_BASE_URL
      ? { baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY ?? "none", model: env.OPENAI_MODEL ?? "", timeoutMs: env.OPENAI_TIMEOUT_SECONDS * 1000 }
      : null,
  }))
  .superRefine((c, ctx) => {
    const summary = checkCron(c.study.summaryCron);
    const problem = typeof summary === "string" ? summary : nextCronFiring(summary, Date.now(), TIME_ZONE) ? null : "永远不会触发 (never fires)";
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["STUDY_SUMMARY_CRON"], message: `expected a 5-field cron line such as "0 20 * * 0" (Sundays 20:00): ${problem}` });
    }
    if (typeof checkCron(c.cultivation.cron) === "string") {
      ctx.addIssue({ code: "custom", path: ["CULTIVATION_CRON"], message: `expected a 5-field cron line such as "0 10 * * *" (daily 10:00)` });
    }
    if (c.llm && !c.llm.model) {
      ctx.addIssue({ code: "custom", path: ["OPENAI_MODEL"], message: "required when OPENAI_BASE_URL is set (the model name your endpoint serves)" });
    }
    const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(c.http.host);
    if (!loopback && !c.http.apiToken) {
      ctx.addIssue({
        code: "custom",
        path: ["API_TOKEN"],
        message: `required when HTTP_HOST (${c.http.host}) is not a loopback address: the API shows personal records`,
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parse the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Treat empty strings as unset, as .env files commonly leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(config)"}: ${i.message}`);
  throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join("\n")}`);
}
