// `npm run train:classifier`: fits the recogniser on the training file of the corpus
// (never the held-out one) and writes its weights to src/llm/model/remark-model.json.
// The L2 strength and the feature cut-off are chosen by 5-fold cross-validation on
// the training file; `--no-search` skips that and uses the defaults.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { DEFAULT_TRAINING, type TrainingOptions } from "../src/domain/linear-model-training.ts";
import { scoreClassifier } from "../src/domain/classifier-metrics.ts";
import { recogniseRemark } from "../src/domain/remark-recogniser.ts";
import { trainRemarkModel } from "../src/domain/remark-training.ts";
import { corpusPath, goldOf, readCorpus, type CorpusItem } from "../src/llm/corpus.ts";
import { REMARK_MODEL_PATH, remarkModelToJson } from "../src/llm/remark-model-file.ts";

const FOLDS = 5;
const GRID: Partial<TrainingOptions>[] = [0.0005, 0.001, 0.002, 0.004].flatMap((l2) => [2, 3].map((minCount) => ({ l2, minCount })));

/** Mean of filed-vs-small-talk F1, kind macro-F1 and topic accuracy over the folds. */
function crossValidate(items: readonly CorpusItem[], options: Partial<TrainingOptions>) {
  const judged = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = trainRemarkModel(items.filter((_, i) => i % FOLDS !== fold), options);
    for (const item of items.filter((_, i) => i % FOLDS === fold)) judged.push({ gold: goldOf(item), predicted: recogniseRemark(model, item.text) });
  }
  const s = scoreClassifier(judged);
  const macro = Object.values(s.perKind).reduce((a, k) => a + k.f1, 0) / Object.keys(s.perKind).length;
  return { filed: s.filed.f1, macro, topic: s.topicAccuracy, score: (s.filed.f1 + macro + s.topicAccuracy) / 3 };
}

const items = readCorpus("train");
let chosen: Partial<TrainingOptions> = {};
if (!process.argv.includes("--no-search")) {
  let best = -1;
  console.log(`交叉验证（${FOLDS} 折，仅训练集 ${items.length} 条）`);
  for (const options of GRID) {
    const r = crossValidate(items, options);
    const pct = (x: number) => x.toFixed(3);
    console.log(`  l2=${options.l2} minCount=${options.minCount}: 归档F1 ${pct(r.filed)}  类别宏F1 ${pct(r.macro)}  主题准确率 ${pct(r.topic)}`);
    if (r.score > best) [best, chosen] = [r.score, options];
  }
}
const model = trainRemarkModel(items, chosen);
const options = { ...DEFAULT_TRAINING, ...chosen };
const sha256 = createHash("sha256").update(readFileSync(corpusPath("train"))).digest("hex");
const json = remarkModelToJson(model, { items: items.length, sha256 });
writeFileSync(REMARK_MODEL_PATH, json);
console.log(
  `已写入 ${REMARK_MODEL_PATH.pathname}：l2=${options.l2} minCount=${options.minCount}，` +
    `${model.kind.weights.size} + ${model.topic.weights.size} 个特征，${(Buffer.byteLength(json) / 1024).toFixed(0)} KB`,
);
