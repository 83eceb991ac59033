// Recognising what in a chat message is worth filing, with no language model:
// a few rules where rules are sure, and a small logistic regression (trained
// from the corpus by `npm run train:classifier`) for everything between.
import { REMARK_KIND, TOPIC, type RemarkKind, type Topic } from "./glossary.ts";
import { argmax, probabilities, type LinearModel } from "./linear-model.ts";
import { remarkFeatures, type Features } from "./remark-features.ts";
import { CUES } from "./remark-lexicon.ts";
import { normaliseRemark, wordsOf } from "./remark-text.ts";

/** What a message was recognised as; small talk is `null` instead. */
export interface Recognition {
  kind: RemarkKind;
  topic: Topic;
}

export const REMARK_KINDS = Object.keys(REMARK_KIND) as RemarkKind[];
export const TOPICS = Object.keys(TOPIC) as Topic[];
/** The kind model's classes: "none" for small talk, then the kinds. */
export type KindClass = RemarkKind | "none";
export const KIND_CLASSES: readonly KindClass[] = ["none", ...REMARK_KINDS];

export interface RemarkModel {
  kind: LinearModel<KindClass>;
  /** Trained on filed messages, with their kind as one more feature. */
  topic: LinearModel<Topic>;
}

// A message worth filing that opens by saying what it is, is that. Whether it is
// worth filing at all stays the model's call: "请问明天几点开会" is logistics.
// ("怎么办" anywhere is no such sign: "孩子怎么办" is as often a worry as a question.)
const OPENERS: [RegExp, RemarkKind][] = [
  [/^＠?(求助|请问|请教|咨询|想问|问一下|问下)/, "request"],
  [/^＠?(我)?(建议|提议|提个建议)/, "idea"],
];

/** Kinds whose topic is the kind itself. */
const TOPIC_OF_KIND: Partial<Record<RemarkKind, Topic>> = { study: "study", thinking: "thinking" };

/** Features of the topic model: the message's, and the kind it was given. */
export function topicFeatures(features: Features, kind: RemarkKind): Features {
  return new Map([...features, [`kind:${kind}`, 1]]);
}

// What a message is about shows in its first few hundred characters; reading no
// further keeps a pasted article as cheap as a chat line.
const READ_CODE_POINTS = 500;

/** What training and recognition both read of a message: its head, normalised. */
export function readRemark(text: string): string {
  return normaliseRemark(text.length <= READ_CODE_POINTS ? text : [...text].slice(0, READ_CODE_POINTS).join(""));
}

/** Two characters say nothing worth filing ("好的", "在吗"), nor does a bare acknowledgement. */
export function isBareReply(normalised: string): boolean {
  return [...wordsOf(normalised)].length <= 2 || CUES.ack.test(normalised);
}

/**
 * `recogniseRemark(model, "自来水这个月停了三次，也没提前通知")` → `{ kind: "feedback", topic: "governance" }`;
 * `recogniseRemark(model, "收到，谢谢书记")` → null.
 */
export function recogniseRemark(model: RemarkModel, text: string): Recognition | null {
  const normalised = readRemark(text);
  if (isBareReply(normalised)) return null;
  const features = remarkFeatures(normalised);
  const guess = KIND_CLASSES[argmax(probabilities(model.kind, features))]!;
  if (guess === "none") return null;
  const kind = OPENERS.find(([re]) => re.test(normalised))?.[1] ?? guess;
  const topic = TOPIC_OF_KIND[kind] ?? model.topic.classes[argmax(probabilities(model.topic, topicFeatures(features, kind)))]!;
  return { kind, topic };
}
