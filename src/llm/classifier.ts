import { classifyByRules, type Classification } from "../domain/classifier-rules.ts";

/**
 * Decides whether an ordinary chat message is feedback or an idea, and its topic.
 * Returns null for small talk.
 *
 * @example
 * const c = ruleClassifier();
 * await c.classify("建议村里搞电商直播卖茶叶"); // { kind: "idea", topic: "industry" }
 */
export interface Classifier {
  readonly name: string;
  classify(text: string): Promise<Classification | null>;
}

export function ruleClassifier(): Classifier {
  return { name: "rule", classify: async (text) => classifyByRules(text) };
}
