import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { z } from "zod";
import type { SendLimits } from "./core/send-budget.ts";
import type { BindAttemptLimits } from "./features/binding/attempts.ts";
import type { BindCodePolicy } from "./features/binding/service.ts";
import { parseQuietHours } from "./domain/quiet-hours.ts";
import type { OutboxPolicy } from "./domain/outbox-policy.ts";
import { checkCron, nextCronFiring } from "./domain/schedule/cron.ts";
import { TIME_ZONE } from "./domain/time.ts";
import { WECOM_API_URL, WECOM_WEBHOOK_URL, WECOM_WS_URL } from "./channels/wecom/defaults.ts";

/** One group robot in WECOM_ROBOTS: "群名@地名=key". */
const ROBOT_ENTRY = /^([^@=;]+)@([^@=;]+)=([A-Za-z0-9-]{8,})$/;
import { DEFAULT_SEASONS, SeasonsConfigSchema } from "./domain/symposium/seasons.ts";

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
    WECHAT_ENABLED: bool.default(true),
    PRIVATE_CHANNEL_PREFERENCE: z
      .string()
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[a-z][a-z-]*$/, "expected channel names separated by commas, e.g. wecom,wechat")))
      .default([]),
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
    LLM_CALLS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    LLM_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
    LLM_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
    LLM_REVIEW_BELOW: z.coerce.number().min(0).max(1).default(0.6),
    LLM_DISABLED_AREAS: z.string().default(""),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    INSTANCE_ID: z.string().min(1).max(100).optional(),
    REMINDER_CATCH_UP_MINUTES: z.coerce.number().min(0).max(7 * 24 * 60).default(120),
    REMINDER_MIN_INTERVAL_MINUTES: z.coerce.number().min(1).max(7 * 24 * 60).default(60),
    OUTBOX_INTERVAL_SECONDS: z.coerce.number().min(0).default(3),
    OUTBOX_JITTER_SECONDS: z.coerce.number().min(0).default(2),
    OUTBOX_CONVERSATION_INTERVAL_SECONDS: z.coerce.number().min(0).default(30),
    OUTBOX_DAILY_CAP: z.coerce.number().int().min(1).default(300),
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(6),
    OUTBOX_RETRY_SECONDS: z.coerce.number().positive().default(30),
    OUTBOX_LEASE_SECONDS: z.coerce.number().positive().default(60),
    OUTBOX_RATE_LIMIT_PAUSE_MINUTES: z.coerce.number().positive().default(60),
    OUTBOX_POLL_SECONDS: z.coerce.number().positive().default(1),
    SEND_BUDGET_WINDOW_SECONDS: z.coerce.number().positive().default(60),
    SEND_BUDGET_PER_SENDER: z.coerce.number().int().min(1).default(8),
    SEND_BUDGET_PER_GROUP: z.coerce.number().int().min(1).default(20),
    SEND_BUDGET_PER_CHANNEL: z.coerce.number().int().min(1).default(30),
    BIND_CODE_TTL_DAYS: z.coerce.number().positive().max(90).default(7),
    BIND_ROLE_CODE_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(24),
    BIND_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    BIND_ATTEMPTS_PER_GROUP: z.coerce.number().int().min(1).default(20),
    BIND_ATTEMPT_WINDOW_HOURS: z.coerce.number().positive().default(24),
    BIND_BACKOFF_SECONDS: z.coerce.number().positive().default(60),
    // Checked in superRefine by the engine that fires it, so any line it runs is accepted (L, 5L, 2#2 too).
    STUDY_SUMMARY_CRON: z.string().default("0 20 * * 0"),
    STUDY_SILENT_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    // WeCom (企业微信): the intelligent bot over its long connection, group robots, and the callback of a self-built app.
    WECOM_DEMO: bool.default(false),
    WECOM_BOT_ID: z.string().min(1).optional(),
    WECOM_BOT_SECRET: z.string().min(1).optional(),
    WECOM_BOT_NAME: z.string().min(1).optional(),
    WECOM_WS_URL: z.string().regex(/^wss?:\/\/.+/, "expected a ws:// or wss:// address such as wss://openws.work.weixin.qq.com").default(WECOM_WS_URL),
    WECOM_OUTBOX_INTERVAL_SECONDS: z.coerce.number().min(0).default(3),
    WECOM_ROBOTS: z
      .string()
      .transform((v) => v.split(/[;\n]/).map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(ROBOT_ENTRY, "expected 群名@地名=webhook key, several separated by ; (e.g. 青山镇联系群@青山镇=693a91f6-…)")))
      .optional(),
    WECOM_ROBOT_URL: z.url({ message: "expected the webhook address, default https://qyapi.weixin.qq.com/cgi-bin/webhook/send" }).default(WECOM_WEBHOOK_URL),
    WECOM_CALLBACK_TOKEN: z.string().min(1).optional(),
    WECOM_CALLBACK_AES_KEY: z.string().regex(/^[A-Za-z0-9+/]{43}$/, "expected the 43-character EncodingAESKey from the WeCom admin console").optional(),
    WECOM_CORP_ID: z.string().min(1).optional(),
    WECOM_APP_SECRET: z.string().min(1).optional(),
    WECOM_AGENT_ID: z.coerce.number().int().positive().optional(),
    WECOM_API_URL: z.url({ message: "expected the WeCom API address, default https://qyapi.weixin.qq.com" }).default(WECOM_API_URL),
    SYMPOSIUM_SEASONS: z
      .string()
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: "custom", message: 'expected a JSON list such as [{"kind":"spring_festival"},{"kind":"summer"}]' });
          return z.NEVER;
        }
      })
      .pipe(SeasonsConfigSchema)
      .optional(),
    SYMPOSIUM_STEP_CRON: z.string().default("*/5 * * * *"),
    SYMPOSIUM_HOME_REMINDER_DAYS: z.coerce.number().min(0).max(60).default(3),
    SYMPOSIUM_RSVP_REMINDER_DAYS: z.coerce.number().min(0).max(60).default(2),
    SYMPOSIUM_ASK_PRIVATELY: bool.default(true),
    SYMPOSIUM_LATE_MINUTES: z.coerce.number().int().min(0).max(240).default(15),
    DIGEST_CRON: z.string().default("0 8 * * 1"),
    DIGEST_QUIET_WEEKS: z.coerce.number().int().min(1).max(52).default(3),
    // Private by default (a light touch: never single people out in the group); "mention" is a county's choice.
    STUDY_NUDGE: z.enum(["mention", "private", "off"]).default("private"),
    STUDY_SUMMARY_NAMES: bool.default(false),
    // One quiet window for everything the bot sends on its own (reminders, symposium steps, report prompts).
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
    wechaty: { enabled: env.WECHAT_ENABLED, puppet: env.WECHATY_PUPPET, token: env.WECHATY_PUPPET_TOKEN },
    wecom: {
      bot:
        env.WECOM_BOT_ID || env.WECOM_BOT_SECRET
          ? { botId: env.WECOM_BOT_ID ?? "", secret: env.WECOM_BOT_SECRET ?? "", botName: env.WECOM_BOT_NAME ?? env.BOT_NAME, wsUrl: env.WECOM_WS_URL }
          : null,
      robots: (env.WECOM_ROBOTS ?? []).map((entry) => {
        const [, name, area, key] = ROBOT_ENTRY.exec(entry)!;
        return { name: name!.trim(), area: area!.trim(), key: key!.trim() };
      }),
      robotUrl: env.WECOM_ROBOT_URL,
      // A WeCom group in the demo county, on a fake WeCom server in the process (mock puppet only).
      demo: env.WECOM_DEMO,
      intervalMs: env.WECOM_OUTBOX_INTERVAL_SECONDS * 1000,
      callback:
        env.WECOM_CALLBACK_TOKEN || env.WECOM_CALLBACK_AES_KEY || env.WECOM_CORP_ID
          ? {
              token: env.WECOM_CALLBACK_TOKEN ?? "",
              aesKey: env.WECOM_CALLBACK_AES_KEY ?? "",
              corpId: env.WECOM_CORP_ID ?? "",
              secret: env.WECOM_APP_SECRET,
              agentId: env.WECOM_AGENT_ID,
              apiUrl: env.WECOM_API_URL,
            }
          : null,
    },
    botName: env.BOT_NAME,
    privatePreference: env.PRIVATE_CHANNEL_PREFERENCE,
    // The demo world only makes sense with the mock puppet, so that is the default.
    demoData: env.DEMO_DATA ?? env.WECHATY_PUPPET === "wechaty-puppet-mock",
    backlogGraceMs: env.BACKLOG_GRACE_SECONDS * 1000,
    spoolDir: env.SPOOL_DIR,
    retryIntervalMs: env.RETRY_INTERVAL_SECONDS * 1000,
    logLevel: env.LOG_LEVEL,
    instanceId: env.INSTANCE_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
    reminderCatchUpMs: env.REMINDER_CATCH_UP_MINUTES * 60_000,
    reminderMinIntervalMs: env.REMINDER_MIN_INTERVAL_MINUTES * 60_000,
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
    sendBudget: {
      windowMs: env.SEND_BUDGET_WINDOW_SECONDS * 1000,
      perSender: env.SEND_BUDGET_PER_SENDER,
      perConversation: env.SEND_BUDGET_PER_GROUP,
      perChannel: env.SEND_BUDGET_PER_CHANNEL,
    } satisfies SendLimits,
    binding: {
      codes: { reserveTtlMs: env.BIND_CODE_TTL_DAYS * 86_400_000, roleTtlMs: env.BIND_ROLE_CODE_TTL_HOURS * 3_600_000 } satisfies BindCodePolicy,
      attempts: {
        perAccount: env.BIND_ATTEMPTS_PER_ACCOUNT,
        perGroup: env.BIND_ATTEMPTS_PER_GROUP,
        windowMs: env.BIND_ATTEMPT_WINDOW_HOURS * 3_600_000,
        backoffMs: env.BIND_BACKOFF_SECONDS * 1000,
      } satisfies BindAttemptLimits,
    },
    study: { summaryCron: env.STUDY_SUMMARY_CRON, silentDays: env.STUDY_SILENT_DAYS, nudge: env.STUDY_NUDGE, summaryNames: env.STUDY_SUMMARY_NAMES },
    quietHours: parseQuietHours(env.QUIET_HOURS)!,
    symposium: {
      seasons: env.SYMPOSIUM_SEASONS ?? DEFAULT_SEASONS,
      stepCron: env.SYMPOSIUM_STEP_CRON,
      homeReminderMs: env.SYMPOSIUM_HOME_REMINDER_DAYS * 86_400_000,
      rsvpReminderMs: env.SYMPOSIUM_RSVP_REMINDER_DAYS * 86_400_000,
      askPrivately: env.SYMPOSIUM_ASK_PRIVATELY,
      lateMs: env.SYMPOSIUM_LATE_MINUTES * 60_000,
    },
    cultivation: {
      reportRhythm: env.REPORT_RHYTHM,
      reportReminderDays: env.REPORT_REMINDER_DAYS,
      cron: env.CULTIVATION_CRON,
      noticeDays: env.NOTICE_DAYS,
      jointReviewOffices: env.JOINT_REVIEW_OFFICES.split(/[,，、]/).map((s) => s.trim()).filter(Boolean),
    },
    // No endpoint: the rule-based classifier alone, which needs nothing.
    llm: env.OPENAI_BASE_URL
      ? {
          baseURL: env.OPENAI_BASE_URL,
          apiKey: env.OPENAI_API_KEY ?? "none",
          model: env.OPENAI_MODEL ?? "",
          timeoutMs: env.OPENAI_TIMEOUT_SECONDS * 1000,
          concurrency: env.LLM_CONCURRENCY,
          callsPerMinute: env.LLM_CALLS_PER_MINUTE,
          maxAttempts: env.LLM_MAX_ATTEMPTS,
          reviewBelow: env.LLM_REVIEW_BELOW,
          // Areas (names or division codes) whose messages never go to the model.
          disabledAreas: env.LLM_DISABLED_AREAS.split(/[,，、\s]+/).map((a) => a.trim()).filter(Boolean),
        }
      : null,
    digest: { cron: env.DIGEST_CRON, quietWeeks: env.DIGEST_QUIET_WEEKS },
  }))
  .superRefine((c, ctx) => {
    const summary = checkCron(c.study.summaryCron);
    const problem = typeof summary === "string" ? summary : nextCronFiring(summary, Date.now(), TIME_ZONE) ? null : "永远不会触发 (never fires)";
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["STUDY_SUMMARY_CRON"], message: `expected a 5-field cron line such as "0 20 * * 0" (Sundays 20:00): ${problem}` });
    }
    const step = checkCron(c.symposium.stepCron);
    if (typeof step === "string") {
      ctx.addIssue({ code: "custom", path: ["SYMPOSIUM_STEP_CRON"], message: `expected a 5-field cron line such as "*/5 * * * *": ${step}` });
    }
    const digest = checkCron(c.digest.cron);
    if (typeof digest === "string") {
      ctx.addIssue({ code: "custom", path: ["DIGEST_CRON"], message: `expected a 5-field cron line such as "0 8 * * 1" (Mondays 8:00): ${digest}` });
    }
    if (typeof checkCron(c.cultivation.cron) === "string") {
      ctx.addIssue({ code: "custom", path: ["CULTIVATION_CRON"], message: `expected a 5-field cron line such as "0 10 * * *" (daily 10:00)` });
    }
    if (c.llm && !c.llm.model) {
      ctx.addIssue({ code: "custom", path: ["OPENAI_MODEL"], message: "required when OPENAI_BASE_URL is set (the model name your endpoint serves)" });
    }
    if (c.wecom.bot && (!c.wecom.bot.botId || !c.wecom.bot.secret)) {
      ctx.addIssue({ code: "custom", path: [c.wecom.bot.botId ? "WECOM_BOT_SECRET" : "WECOM_BOT_ID"], message: "WECOM_BOT_ID and WECOM_BOT_SECRET go together (from the WeCom admin console, 智能机器人 → API 模式: 长连接)" });
    }
    if (c.wecom.callback && (!c.wecom.callback.token || !c.wecom.callback.aesKey || !c.wecom.callback.corpId)) {
      ctx.addIssue({ code: "custom", path: ["WECOM_CALLBACK_TOKEN"], message: "WECOM_CALLBACK_TOKEN, WECOM_CALLBACK_AES_KEY and WECOM_CORP_ID go together" });
    }
    if (c.wecom.demo && c.wecom.bot) {
      ctx.addIssue({ code: "custom", path: ["WECOM_DEMO"], message: "the WeCom demo runs its own bot: unset WECOM_BOT_ID to use it" });
    }
    const robotNames = c.wecom.robots.map((r) => r.name);
    if (new Set(robotNames).size !== robotNames.length) {
      ctx.addIssue({ code: "custom", path: ["WECOM_ROBOTS"], message: "two robots share a group name" });
    }
    if (!c.wechaty.enabled && !c.wecom.bot && !c.wecom.robots.length && !c.wecom.callback) {
      ctx.addIssue({ code: "custom", path: ["WECHAT_ENABLED"], message: "with WeChat off, set WECOM_BOT_ID and WECOM_BOT_SECRET (or WECOM_ROBOTS): the bot needs a channel" });
    }
    if (!isLoopback(c.http.host) && !c.http.apiToken) {
      ctx.addIssue({
        code: "custom",
        path: ["API_TOKEN"],
        message: `required when HTTP_HOST (${c.http.host}) is not a loopback address: the API shows personal records`,
      });
    }
  });

export type Config = z.infer<typeof ConfigSchema>;

/** 127.x.x.x, localhost, ::1 (with or without brackets, as a Host header writes it). */
export function isLoopback(host: string | undefined): boolean {
  return /^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/i.test(host ?? "");
}

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
