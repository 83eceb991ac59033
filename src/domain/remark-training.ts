// Fitting the recogniser's two models from labelled messages.
import type { RemarkKind, Topic } from "./glossary.ts";
import { trainLinearModel, type TrainingOptions } from "./linear-model-training.ts";
import { remarkFeatures } from "./remark-features.ts";
import { isBareReply, readRemark, KIND_CLASSES, TOPICS, topicFeatures, type KindClass, type RemarkModel } from "./remark-recogniser.ts";

export interface LabelledRemark {
  text: string;
  kind: RemarkKind | null;
  topic: Topic | null;
}

/**
 * `trainRemarkModel(readCorpus("train"))` → the weights `recogniseRemark` applies.
 * Messages the rules settle alone (bare replies) teach the model nothing and are left out.
 */
export function trainRemarkModel(items: readonly LabelledRemark[], options: Partial<TrainingOptions> = {}): RemarkModel {
  const rows = items
    .map((i) => ({ ...i, normalised: readRemark(i.text) }))
    .filter((i) => !isBareReply(i.normalised))
    .map((i) => ({ ...i, features: remarkFeatures(i.normalised) }));
  const kind = trainLinearModel<KindClass>(rows.map((r) => ({ features: r.features, label: r.kind ?? "none" })), KIND_CLASSES, options);
  const filed = rows.flatMap((r) => (r.kind && r.topic ? [{ features: topicFeatures(r.features, r.kind), label: r.topic }] : []));
  const topic = trainLinearModel(filed, TOPICS, options);
  return { kind, topic };
}
