// Type only: the client (150 modules) is loaded on the first model call, so a process
// without OPENAI_BASE_URL never loads it (bench/README.md, start-up).
import type OpenAI from "openai";
import { z } from "zod";
import type { Recognition } from "../domain/remark-recogniser.ts";
import { FEEDBACK_KIND, TOPIC } from "../domain/glossary.ts";
import type { Logger } from "../core/logger.ts";
import { redactPersonalNumbers } from "../domain/redact.ts";
import { clip } from "../domain/text.ts";
import type { Classifier } from "./classifier.ts";

const Answer = z.object({
  kind: z.enum(["feedback", "idea", "none"]),
  topic: z.enum(Object.keys(TOPIC) as [keyof typeof TOPIC, ...(keyof typeof TOPIC)[]]).optional(),
});

const SYSTEM = [
  "你是乡镇组织委员的助手，阅读村级后备力量联系群里的一条发言，判断它是不是需要登记的意见或建议。",
  `kind：feedback（${FEEDBACK_KIND.feedback}：反映问题、困难、诉求、想法）；idea（${FEEDBACK_KIND.idea}：提出做法、点子）；none（闲聊、问候、收到之类）。`,
  `topic：${Object.entries(TOPIC).map(([k, v]) => `${k}=${v}`).join("，")}。`,
  '只回答一个 JSON 对象，例如 {"kind":"idea","topic":"industry"}，不要其他文字。',
].join("\n");

export interface OpenAiClassifierOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Used when the model cannot answer (down, slow, or nonsense): no message goes unread. */
  fallback: Classifier;
  log: Logger;
  /** Model calls per minute (LLM_CALLS_PER_MINUTE); beyond it the fallback decides. */
  callsPerMinute?: number;
  now?: () => number;
}

/**
 * Classification by any OpenAI-compatible chat endpoint (a county's own model server,
 * or a hosted one). Falls back to `fallback` (the recogniser without a model) on any failure.
 */
export function openAiClassifier(opts: OpenAiClassifierOptions): Classifier {
  let client: Promise<OpenAI> | null = null;
  const openai = () =>
    (client ??= import("openai").then(({ default: OpenAI }) => new OpenAI({ baseURL: opts.baseURL, apiKey: opts.apiKey, timeout: opts.timeoutMs, maxRetries: 0 })));
  const now = opts.now ?? Date.now;
  const calls: number[] = [];
  // A flood of messages must not become a flood of model calls (cost, and a shared endpoint).
  const mayCall = () => {
    const t = now();
    while (calls.length && calls[0]! <= t - 60_000) calls.shift();
    if (calls.length >= (opts.callsPerMinute ?? Infinity)) return false;
    calls.push(t);
    return true;
  };
  return {
    name: "llm",
    async classify(text: string): Promise<Recognition | null> {
      // Acknowledgements are not worth a model call.
      if ([...text.trim()].length < 8) return null;
      if (!mayCall()) return opts.fallback.classify(text);
      try {
        const res = await (await openai()).chat.completions.create({
          model: opts.model,
          temperature: 0,
          messages: [
            { role: "system", content: SYSTEM },
            // Phone, ID-card and bank-card numbers never leave for the model.
            { role: "user", content: redactPersonalNumbers(clip(text, 2000, "")) },
          ],
        });
        const content = res.choices[0]?.message?.content ?? "";
        const json = /\{[\s\S]*\}/.exec(content)?.[0];
        const answer = Answer.parse(JSON.parse(json ?? "null"));
        if (answer.kind === "none") return null;
        return { kind: answer.kind, topic: answer.topic ?? "other" };
      } catch (err) {
        opts.log.warn("language model unavailable; classified without it", { err });
        return opts.fallback.classify(text);
      }
    },
  };
}
