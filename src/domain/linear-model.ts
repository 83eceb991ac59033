// A multinomial logistic regression over named binary features: the weights the
// training script fits and the recogniser applies. Kept apart from both so the
// arithmetic is tested once.
import type { Features } from "./remark-features.ts";

/** Weights of one classifier: a bias and, per feature, one weight per class. */
export interface LinearModel<C extends string = string> {
  classes: readonly C[];
  bias: number[];
  weights: ReadonlyMap<string, readonly number[]>;
}

/** Class probabilities (softmax of the summed weights), in `model.classes` order. */
export function probabilities<C extends string>(model: LinearModel<C>, features: Features): number[] {
  const z = model.bias.slice();
  for (const [f, x] of features) {
    const w = model.weights.get(f);
    if (!w) continue;
    for (let c = 0; c < z.length; c++) z[c]! += w[c]! * x;
  }
  return softmax(z);
}

export function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Index of the largest value; the first on a tie. */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
