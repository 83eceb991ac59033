import { describe, expect, it } from "vitest";
import { argmax, probabilities } from "../../src/domain/linear-model.ts";
import { trainLinearModel, type Example } from "../../src/domain/linear-model-training.ts";

const ex = (label: "a" | "b" | "c", ...names: string[]): Example<"a" | "b" | "c"> => ({ features: new Map(names.map((n) => [n, 1])), label });

describe("a linear model", () => {
  const examples = [
    ex("a", "red", "round"), ex("a", "red", "small"), ex("a", "red", "round", "small"),
    ex("b", "green", "long"), ex("b", "green", "round"), ex("b", "green", "long", "small"),
    ex("c", "blue", "long"), ex("c", "blue", "small"), ex("c", "blue", "round", "long"),
  ];
  const model = trainLinearModel(examples, ["a", "b", "c"], { minCount: 1, iterations: 200 });

  it("learns which features tell the classes apart", () => {
    for (const [names, label] of [[["red", "long"], "a"], [["green", "small"], "b"], [["blue", "round"], "c"]] as const) {
      expect(model.classes[argmax(probabilities(model, new Map(names.map((n) => [n, 1]))))]).toBe(label);
    }
  });

  it("gives probabilities that sum to one, and ignores features it has never seen", () => {
    const p = probabilities(model, new Map([["red", 1], ["purple", 1]]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(p).toEqual(probabilities(model, new Map([["red", 1]])));
  });

  it("leaves out features seen too rarely, and labels it does not know are an error", () => {
    const strict = trainLinearModel(examples, ["a", "b", "c"], { minCount: 3 });
    expect(strict.weights.has("red")).toBe(true);
    expect(strict.weights.has("small") && strict.weights.has("purple")).toBe(false);
    expect(() => trainLinearModel([ex("a", "x")], ["b"])).toThrow(/label/);
  });
});
