// `npm run corpus:add -- new.jsonl`: adds labelled messages to the recogniser's corpus,
// each to the training or the held-out file as its text hashes (see src/llm/corpus.ts).
// Lines are {"text": "…", "kind": "request" | … | null, "topic": "difficulty" | … | null}.
import { appendFileSync, readFileSync } from "node:fs";
import { corpusLine, corpusPartOf, corpusPath, parseCorpus, readCorpus, type CorpusItem, type CorpusPart } from "../src/llm/corpus.ts";

const file = process.argv[2];
if (!file) {
  console.error("用法：npm run corpus:add -- 文件.jsonl");
  process.exit(2);
}
const incoming = parseCorpus(readFileSync(file, "utf8"), file);
const seen = new Set([...readCorpus("train"), ...readCorpus("test")].map((i) => i.text));
const added: Record<CorpusPart, CorpusItem[]> = { train: [], test: [] };
let skipped = 0;
for (const item of incoming) {
  if (seen.has(item.text)) {
    skipped++;
    continue;
  }
  seen.add(item.text);
  added[corpusPartOf(item.text)].push(item);
}
for (const part of ["train", "test"] as const) {
  if (added[part].length) appendFileSync(corpusPath(part), added[part].map((i) => corpusLine(i) + "\n").join(""));
}
console.log(`训练集新增 ${added.train.length} 条，留出集新增 ${added.test.length} 条，重复跳过 ${skipped} 条。`);
