// The labelled messages the recogniser learns from and is measured on. Each message
// belongs to the training or the held-out file by a hash of its text, so the split
// is the same on every machine and a message added later lands where it always would.
import { readFileSync } from "node:fs";
import { z } from "zod";
import "../core/zod-locale.ts";
import { REMARK_KIND, TOPIC } from "../domain/glossary.ts";
import type { Recognition } from "../domain/remark-recogniser.ts";

export type CorpusPart = "train" | "test";

export const CorpusItem = z
  .object({
    text: z.string().min(1),
    kind: z.enum(Object.keys(REMARK_KIND) as [keyof typeof REMARK_KIND, ...(keyof typeof REMARK_KIND)[]]).nullable(),
    topic: z.enum(Object.keys(TOPIC) as [keyof typeof TOPIC, ...(keyof typeof TOPIC)[]]).nullable(),
  })
  .strict()
  .refine((i) => (i.kind === null) === (i.topic === null), "kind 与 topic 须同时为空（闲聊）或同时填写");
export type CorpusItem = z.infer<typeof CorpusItem>;

/** The gold answer of an item, in the classifier's terms. */
export const goldOf = (item: CorpusItem): Recognition | null => (item.kind && item.topic ? { kind: item.kind, topic: item.topic } : null);

export const corpusPath = (part: CorpusPart) => new URL(`./corpus/${part}.jsonl`, import.meta.url);

/** One in five messages is held out: FNV-1a of the UTF-8 text, modulo 5. */
export function corpusPartOf(text: string): CorpusPart {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h % 5 === 0 ? "test" : "train";
}

export function parseCorpus(jsonl: string, where = "corpus"): CorpusItem[] {
  return jsonl
    .split("\n")
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== "")
    .map(([line, n]) => {
      const parsed = CorpusItem.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${where}:${n}: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
      return parsed.data;
    });
}

export function readCorpus(part: CorpusPart): CorpusItem[] {
  return parseCorpus(readFileSync(corpusPath(part), "utf8"), `${part}.jsonl`);
}

export const corpusLine = (item: CorpusItem) => JSON.stringify({ text: item.text, kind: item.kind, topic: item.topic });
