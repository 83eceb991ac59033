// The recogniser's trained weights, as committed under src/llm/model/ by
// `npm run train:classifier`, and read once per process.
import { readFileSync } from "node:fs";
import type { LinearModel } from "../domain/linear-model.ts";
import { KIND_CLASSES, TOPICS, type RemarkModel } from "../domain/remark-recogniser.ts";

export const REMARK_MODEL_PATH = new URL("./model/remark-model.json", import.meta.url);

/** What the training run was given, so a stale file can be told from a fresh one. */
export interface TrainedOn {
  items: number;
  /** SHA-256 of the training file's bytes. */
  sha256: string;
}

interface LinearModelJson {
  classes: string[];
  bias: number[];
  weights: Record<string, number[]>;
}

/** The file's shape; remarkModelToJson writes it by hand, a feature a line. */
interface RemarkModelJson {
  format: 1;
  trainedOn: TrainedOn;
  kind: LinearModelJson;
  topic: LinearModelJson;
}

export function remarkModelToJson(model: RemarkModel, trainedOn: TrainedOn): string {
  // One feature a line: the file stays diffable when the corpus grows.
  const part = (m: LinearModel) =>
    `{"classes":${JSON.stringify(m.classes)},"bias":${JSON.stringify(m.bias)},"weights":{\n` +
    [...m.weights].map(([f, w]) => `${JSON.stringify(f)}:${JSON.stringify(w)}`).join(",\n") +
    "\n}}";
  return `{"format":1,"trainedOn":${JSON.stringify(trainedOn)},\n"kind":${part(model.kind)},\n"topic":${part(model.topic)}}\n`;
}

export function remarkModelFromJson(text: string): { model: RemarkModel; trainedOn: TrainedOn } {
  const json = JSON.parse(text) as RemarkModelJson;
  if (json.format !== 1) throw new Error(`remark model: unknown format ${String(json.format)}; run npm run train:classifier`);
  const part = <C extends string>(m: LinearModelJson, expected: readonly C[], name: string): LinearModel<C> => {
    if (m.classes.join() !== expected.join()) throw new Error(`remark model: ${name} classes ${m.classes.join()} are not ${expected.join()}; run npm run train:classifier`);
    const weights = new Map<string, number[]>();
    for (const [f, w] of Object.entries(m.weights)) {
      if (w.length !== expected.length) throw new Error(`remark model: ${name} feature ${f} has ${w.length} weights`);
      weights.set(f, w);
    }
    return { classes: expected, bias: m.bias, weights };
  };
  return { model: { kind: part(json.kind, KIND_CLASSES, "kind"), topic: part(json.topic, TOPICS, "topic") }, trainedOn: json.trainedOn };
}

let loaded: RemarkModel | undefined;

/** The committed weights, read on first use. */
export function loadRemarkModel(): RemarkModel {
  loaded ??= remarkModelFromJson(readFileSync(REMARK_MODEL_PATH, "utf8")).model;
  return loaded;
}
