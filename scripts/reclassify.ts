// `npm run reclassify -- --since 2026-11-01 [--until 2026-11-30]`: put a period's
// messages back in the model's queue (after an outage, or a model change) and work
// through them. Interrupt it at any time: what is left stays queued, and a running bot
// finishes it. Commands and anonymous suggestions are never sent.
import { z } from "zod";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/core/logger.ts";
import { openDatabase } from "../src/db/database.ts";
import { parsePeriod } from "../src/domain/digest-period.ts";
import { applyVerdict } from "../src/features/feedback/model-verdict.ts";
import { ModelQueue } from "../src/llm/classification-queue.ts";
import { defaultClassifier } from "../src/llm/classifier.ts";
import { openAiModel } from "../src/llm/openai-classifier.ts";

const Args = z.object({
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected --since YYYY-MM-DD"),
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected --until YYYY-MM-DD").optional(),
});

function arg(name: string): string | undefined {
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = process.argv[i]!;
  return a.includes("=") ? a.slice(a.indexOf("=") + 1) : process.argv[i + 1];
}

const parsed = Args.safeParse({ since: arg("since"), until: arg("until") });
if (!parsed.success) {
  console.error(`usage: npm run reclassify -- --since 2026-11-01 [--until 2026-11-30]\n${parsed.error.issues.map((i) => i.message).join("\n")}`);
  process.exit(2);
}
const now = new Date();
const period = parsePeriod(`${parsed.data.since}~${parsed.data.until ?? now.toISOString().slice(0, 10)}`, now);
if (!period.ok) {
  console.error(period.error);
  process.exit(2);
}
const config = loadConfig();
if (!config.llm) {
  console.error("No language model configured: set OPENAI_BASE_URL and OPENAI_MODEL (see .env.example).");
  process.exit(2);
}
const log = createLogger(config.logLevel);
const db = await openDatabase(config.databaseUrl);
try {
  const fallback = defaultClassifier();
  const queue = new ModelQueue({ ...config.llm, db, model: openAiModel({ ...config.llm, log }), fallback, apply: applyVerdict(db), log, now: () => new Date() });
  // Ordinary text only: a command (a leading slash, full-width or from a Chinese keyboard) is no remark.
  const messages = await db.sql.query<{ id: number; text: string; areaPath: string | null }>(
    `SELECT m.id, m.text, COALESCE(v.path, ga.path) AS "areaPath"
       FROM "ArchivedMessage" m
       LEFT JOIN "Candidate" c ON c.id = m."candidateId" LEFT JOIN "Area" v ON v.id = c."villageId"
       LEFT JOIN "LiaisonGroup" g ON g.id = m."groupId" LEFT JOIN "Area" ga ON ga.id = g."areaId"
      WHERE m.kind = 'text' AND m."sentAt" >= $1 AND m."sentAt" < $2 AND m.text !~ '^\\s*[/／、]'
      ORDER BY m.id`,
    [period.from.toISOString(), period.to.toISOString()],
  );
  const queued = await queue.requeue(messages, new Date());
  console.log(`${messages.length} messages in the period, ${queued} queued for ${config.llm.model}.`);
  for (let left = await queue.pending(); left > 0; left = await queue.pending()) {
    const worked = await queue.drain();
    if (!worked) await new Promise((r) => setTimeout(r, 1000)); // waiting out a retry or an open circuit
    process.stdout.write(`\r${left} left…   `);
  }
  const counts = await db.sql.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM "ClassificationTask" WHERE "messageId" = ANY($1::int[]) GROUP BY 1 ORDER BY 1`,
    [messages.map((m) => m.id)],
  );
  console.log(`\ndone: ${counts.map((c) => `${c.status} ${c.n}`).join(", ") || "nothing"}`);
} finally {
  await db.close();
}
