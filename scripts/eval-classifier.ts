// `npm run eval:classifier`: today's cue-word rules and the recogniser side by side on
// the corpus's held-out file: precision, recall and F1 per kind, F1 of "should be
// filed" against small talk, topic accuracy, the confusion matrix, and CPU time per
// message. `--model` also runs the held-out set through the configured endpoint
// (OPENAI_BASE_URL, OPENAI_MODEL), so a county can compare its model with the recogniser
// before switching it on.
import { REMARK_KIND, type RemarkKind } from "../src/domain/glossary.ts";
import { classifyByRules, type Classification } from "../src/domain/classifier-rules.ts";
import { scoreClassifier, type ClassifierScores } from "../src/domain/classifier-metrics.ts";
import { KIND_CLASSES, recogniseRemark, REMARK_KINDS, type Recognition } from "../src/domain/remark-recogniser.ts";
import { goldOf, readCorpus } from "../src/llm/corpus.ts";
import { loadRemarkModel } from "../src/llm/remark-model-file.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/core/logger.ts";
import { asRecognition, openAiModel } from "../src/llm/openai-classifier.ts";

const GOALS = { filedF1: 0.85, topicAccuracy: 0.8, msPerMessage: 0.2 };

/** Today's rules know feedback and idea; their study and thinking topics say which of the new kinds fits. */
function baselineAsKinds(c: Classification | null): Recognition | null {
  if (!c) return null;
  if (c.kind === "feedback" && (c.topic === "study" || c.topic === "thinking")) return { kind: c.topic, topic: c.topic };
  return c;
}


const items = readCorpus("test");
const model = loadRemarkModel();
const contenders: [string, (text: string) => Recognition | null][] = [
  ["现行规则 classifyByRules", (t) => baselineAsKinds(classifyByRules(t))],
  ["新识别器 defaultClassifier", (t) => recogniseRemark(model, t)],
];

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
const label = (k: string) => (k === "none" ? "闲聊" : REMARK_KIND[k as RemarkKind]);
const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - [...s].length * 2));

function print(name: string, s: ClassifierScores, msPerMessage: number) {
  console.log(`\n== ${name} ==`);
  console.log(`应归档 vs 闲聊  精确率 ${pct(s.filed.precision)}%  召回率 ${pct(s.filed.recall)}%  F1 ${pct(s.filed.f1)}%  （目标 ≥ ${GOALS.filedF1 * 100}%）`);
  console.log(`主题准确率     ${pct(s.topicAccuracy)}%（两边都归档的 ${s.topicJudged} 条，目标 ≥ ${GOALS.topicAccuracy * 100}%）`);
  if (!Number.isNaN(msPerMessage)) console.log(`每条 CPU 时间  ${msPerMessage.toFixed(4)} ms（目标 < ${GOALS.msPerMessage} ms）`);
  console.log("类别        精确率  召回率     F1  条数");
  for (const k of REMARK_KINDS) {
    const r = s.perKind[k];
    console.log(`${pad(label(k), 10)}  ${pct(r.precision)}%  ${pct(r.recall)}%  ${pct(r.f1)}%  ${String(r.support).padStart(4)}`);
  }
  console.log("混淆矩阵（行：标注，列：识别）");
  console.log(pad("", 10) + KIND_CLASSES.map((k) => pad(label(k), 10)).join(""));
  KIND_CLASSES.forEach((k, i) => console.log(pad(label(k), 10) + s.confusion[i]!.map((n) => String(n).padEnd(10)).join("")));
}

console.log(`留出集：${items.length} 条（${items.filter((i) => i.kind).length} 条应归档）`);
for (const [name, classify] of contenders) {
  const judged = items.map((i) => ({ gold: goldOf(i), predicted: classify(i.text) }));
  // CPU time over enough rounds to outlast the timer's granularity.
  const rounds = 20;
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const i of items) classify(i.text);
  const used = process.cpuUsage(start);
  print(name, scoreClassifier(judged), (used.user + used.system) / 1000 / (rounds * items.length));
}

if (process.argv.includes("--model")) {
  const config = loadConfig();
  if (!config.llm) {
    console.log("\n--model：没有配置语言模型端点，请设置 OPENAI_BASE_URL 和 OPENAI_MODEL。");
    process.exit(2);
  }
  const client = openAiModel({ ...config.llm, log: createLogger("warn") });
  const judged: { gold: ReturnType<typeof goldOf>; predicted: Recognition | null }[] = [];
  let failed = 0;
  const started = Date.now();
  // A few at a time, as the queue would: the endpoint is measured, not flooded.
  const pending = [...items];
  await Promise.all(
    Array.from({ length: config.llm.concurrency }, async () => {
      for (let i = pending.shift(); i; i = pending.shift()) {
        const out = await client.classify(i.text);
        if (!out.ok) failed++;
        // A message the model could not answer counts as the recogniser's answer, as in the app.
        judged.push({ gold: goldOf(i), predicted: out.ok ? asRecognition(out.answer) : recogniseRemark(model, i.text) });
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  print(`语言模型 ${config.llm.model}（${client.mode}）`, scoreClassifier(judged), NaN);
  console.log(`没有可用回答、按识别器计的：${failed} 条；用时 ${seconds.toFixed(1)} 秒，平均每条 ${((seconds * 1000) / items.length).toFixed(0)} ms（墙钟）`);
}
