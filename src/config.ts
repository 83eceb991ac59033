import { z } from "zod";

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
    // No endpoint: the rule-based classifier alone, which needs nothing.
    llm: env.OPENAI_BASE_URL
      ? { baseURL: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY ?? "none", model: env.OPENAI_MODEL ?? "", timeoutMs: env.OPENAI_TIMEOUT_SECONDS * 1000 }
      : null,
  }))
  .superRefine((c, ctx) => {
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
