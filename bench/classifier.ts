// The recogniser runs on every message, so its CPU time is part of every message's
// cost. Goal (issue 13): under 0.2 ms of CPU per message. Measured on the corpus (both
// files: every voice and length it holds), after a warm-up, over enough rounds to
// outlast the timer's granularity; the model's loading time is reported beside it.
import { recogniseRemark } from "../src/domain/remark-recogniser.ts";
import { readCorpus } from "../src/llm/corpus.ts";
import { loadRemarkModel } from "../src/llm/remark-model-file.ts";
import type { BenchSection } from "./sections.ts";

const GOAL_MS = 0.2;

export const classifierSection: BenchSection = {
  name: "classifier",
  title: "Recognising remarks without a model: CPU per message",
  async run(log) {
    const loadStart = process.hrtime.bigint();
    const model = loadRemarkModel();
    const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;
    const texts = [...readCorpus("train"), ...readCorpus("test")].map((i) => i.text);
    // A pasted article, as some reserves forward: the recogniser reads its head only.
    texts.push("乡村振兴".repeat(2500));
    for (const t of texts) recogniseRemark(model, t);
    log(`classifier: ${texts.length} messages, warmed up`);
    const rounds = 20;
    const start = process.cpuUsage();
    for (let r = 0; r < rounds; r++) for (const t of texts) recogniseRemark(model, t);
    const used = process.cpuUsage(start);
    const msPerMessage = (used.user + used.system) / 1000 / (rounds * texts.length);
    const problems = msPerMessage < GOAL_MS ? [] : [`classifier CPU ${msPerMessage.toFixed(4)} ms per message, goal < ${GOAL_MS} ms`];
    return {
      lines: [
        `recogniser CPU per message: ${msPerMessage.toFixed(4)} ms (goal < ${GOAL_MS} ms) over ${rounds} × ${texts.length} messages`,
        `model load: ${loadMs.toFixed(1)} ms`,
      ],
      json: { classifierCpuMsPerMessage: Number(msPerMessage.toFixed(4)), classifierModelLoadMs: Number(loadMs.toFixed(1)) },
      problems,
    };
  },
};
