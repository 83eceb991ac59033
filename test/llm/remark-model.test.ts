// The committed weights and the corpus they come from.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scoreClassifier } from "../../src/domain/classifier-metrics.ts";
import { REMARK_KINDS, recogniseRemark } from "../../src/domain/remark-recogniser.ts";
import { defaultClassifier } from "../../src/llm/classifier.ts";
import { corpusPartOf, corpusPath, goldOf, readCorpus } from "../../src/llm/corpus.ts";
import { loadRemarkModel, REMARK_MODEL_PATH, remarkModelFromJson, remarkModelToJson } from "../../src/llm/remark-model-file.ts";

const train = readCorpus("train");
const test = readCorpus("test");

describe("the corpus", () => {
  it("holds each message once, in the part its text hashes to", () => {
    const texts = [...train, ...test].map((i) => i.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(train.every((i) => corpusPartOf(i.text) === "train")).toBe(true);
    expect(test.every((i) => corpusPartOf(i.text) === "test")).toBe(true);
  });

  it("is large enough, holds back about a fifth, and has every kind and plenty of small talk in both parts", () => {
    expect(train.length + test.length).toBeGreaterThanOrEqual(600);
    expect(test.length / (train.length + test.length)).toBeGreaterThan(0.15);
    expect(test.length / (train.length + test.length)).toBeLessThan(0.25);
    for (const part of [train, test]) {
      expect(part.filter((i) => i.kind === null).length / part.length).toBeGreaterThan(0.3);
      for (const kind of REMARK_KINDS) expect(part.filter((i) => i.kind === kind).length, kind).toBeGreaterThanOrEqual(10);
    }
  });
});

describe("the committed weights", () => {
  it("were trained on the training file as it is now (run npm run train:classifier after editing it)", () => {
    const { trainedOn } = remarkModelFromJson(readFileSync(REMARK_MODEL_PATH, "utf8"));
    expect(trainedOn.sha256).toBe(createHash("sha256").update(readFileSync(corpusPath("train"))).digest("hex"));
    expect(trainedOn.items).toBe(train.length);
  });

  it("survive a write and a read unchanged", () => {
    const text = readFileSync(REMARK_MODEL_PATH, "utf8");
    const { model, trainedOn } = remarkModelFromJson(text);
    expect(remarkModelToJson(model, trainedOn)).toBe(text);
  });

  it("meet the goals on the held-out messages: F1 ≥ 0.85 for filed vs small talk, topic accuracy ≥ 0.80", () => {
    const model = loadRemarkModel();
    const s = scoreClassifier(test.map((i) => ({ gold: goldOf(i), predicted: recogniseRemark(model, i.text) })));
    expect(s.filed.f1).toBeGreaterThanOrEqual(0.85);
    expect(s.topicAccuracy).toBeGreaterThanOrEqual(0.8);
  });

  it("are what defaultClassifier answers with", async () => {
    const c = defaultClassifier();
    for (const item of test.slice(0, 20)) expect(await c.classify(item.text)).toEqual(recogniseRemark(loadRemarkModel(), item.text));
  });

  it("refuse a file written for other classes", () => {
    const text = readFileSync(REMARK_MODEL_PATH, "utf8").replace('"classes":["none","idea"', '"classes":["none","praise"');
    expect(() => remarkModelFromJson(text)).toThrow(/npm run train:classifier/);
  });
});
