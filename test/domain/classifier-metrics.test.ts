import { describe, expect, it } from "vitest";
import { scoreClassifier } from "../../src/domain/classifier-metrics.ts";
import { KIND_CLASSES } from "../../src/domain/remark-recogniser.ts";

describe("scoreClassifier", () => {
  const s = scoreClassifier([
    { gold: { kind: "idea", topic: "industry" }, predicted: { kind: "idea", topic: "industry" } },
    { gold: { kind: "idea", topic: "governance" }, predicted: { kind: "feedback", topic: "industry" } },
    { gold: { kind: "request", topic: "difficulty" }, predicted: null },
    { gold: null, predicted: { kind: "feedback", topic: "governance" } },
    { gold: null, predicted: null },
  ]);

  it("per kind: precision over what was predicted, recall over what was there", () => {
    expect(s.perKind.idea).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(s.perKind.feedback).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(s.perKind.request).toMatchObject({ precision: 0, recall: 0, support: 1 });
  });

  it("filed against small talk counts any kind as filed", () => {
    expect(s.filed).toEqual({ precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 });
  });

  it("topic accuracy only over items both sides filed", () => {
    expect(s.topicJudged).toBe(2);
    expect(s.topicAccuracy).toBe(0.5);
  });

  it("the confusion matrix has gold rows and predicted columns", () => {
    const at = (gold: string, predicted: string) => s.confusion[KIND_CLASSES.indexOf(gold as never)]![KIND_CLASSES.indexOf(predicted as never)];
    expect(at("idea", "feedback")).toBe(1);
    expect(at("request", "none")).toBe(1);
    expect(at("none", "feedback")).toBe(1);
    expect(s.confusion.flat().reduce((a, b) => a + b, 0)).toBe(5);
  });
});
