import { classifyByRules } from "../domain/classifier-rules.ts";
import { recogniseRemark, type Recognition } from "../domain/remark-recogniser.ts";
import { loadRemarkModel } from "./remark-model-file.ts";

/**
 * Decides whether an ordinary chat message is worth filing — an idea, feedback, a
 * request for help, a study note or someone's thinking — and its topic.
 * Returns null for small talk.
 *
 * @example
 * const c = defaultClassifier();
 * await c.classify("村集体经济可以试试光伏，屋顶租出去一年也有一笔收入"); // { kind: "idea", topic: "industry" }
 * await c.classify("收到，谢谢书记"); // null
 */
export interface Classifier {
  readonly name: string;
  classify(text: string): Promise<Recognition | null>;
}

/**
 * The recogniser that needs nothing but the repository: rules and the committed weights.
 * Its name stays "rule", what filed items have always recorded when no language model spoke.
 */
export function defaultClassifier(): Classifier {
  const model = loadRemarkModel();
  return { name: "rule", classify: async (text) => recogniseRemark(model, text) };
}

/** The first cue-word rules, kept as the baseline the recogniser is measured against. */
export function ruleClassifier(): Classifier {
  return { name: "rule-baseline", classify: async (text) => classifyByRules(text) };
}
