// How well a classifier agrees with labelled messages: what `npm run eval:classifier`
// prints and what the tests hold the recogniser to.
import type { RemarkKind } from "./glossary.ts";
import { KIND_CLASSES, REMARK_KINDS, type KindClass, type Recognition } from "./remark-recogniser.ts";

export interface Judged {
  gold: Recognition | null;
  predicted: Recognition | null;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
  /** Gold items of the class. */
  support: number;
}

export interface ClassifierScores {
  perKind: Record<RemarkKind, PrecisionRecall>;
  /** "Should be filed" (any kind) against small talk. */
  filed: PrecisionRecall;
  /** Right topics among items both gold and predicted as filed. */
  topicAccuracy: number;
  topicJudged: number;
  /** confusion[gold][predicted], both indexed as KIND_CLASSES ("none" first). */
  confusion: number[][];
}

const classOf = (r: Recognition | null): KindClass => r?.kind ?? "none";

function precisionRecall(truePos: number, predicted: number, gold: number): PrecisionRecall {
  const precision = predicted ? truePos / predicted : 0;
  const recall = gold ? truePos / gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support: gold };
}

/** `scoreClassifier([{ gold: { kind: "idea", topic: "industry" }, predicted: null }, …])`. */
export function scoreClassifier(judged: readonly Judged[]): ClassifierScores {
  const confusion = KIND_CLASSES.map(() => KIND_CLASSES.map(() => 0));
  for (const j of judged) confusion[KIND_CLASSES.indexOf(classOf(j.gold))]![KIND_CLASSES.indexOf(classOf(j.predicted))]!++;
  const row = (i: number) => confusion[i]!.reduce((a, b) => a + b, 0);
  const col = (i: number) => confusion.reduce((a, r) => a + r[i]!, 0);
  const perKind = Object.fromEntries(
    REMARK_KINDS.map((k) => {
      const i = KIND_CLASSES.indexOf(k);
      return [k, precisionRecall(confusion[i]![i]!, col(i), row(i))];
    }),
  ) as Record<RemarkKind, PrecisionRecall>;
  const bothFiled = judged.filter((j) => j.gold && j.predicted);
  const filed = precisionRecall(bothFiled.length, judged.filter((j) => j.predicted).length, judged.filter((j) => j.gold).length);
  const rightTopics = bothFiled.filter((j) => j.gold!.topic === j.predicted!.topic).length;
  return { perKind, filed, topicAccuracy: bothFiled.length ? rightTopics / bothFiled.length : 0, topicJudged: bothFiled.length, confusion };
}
