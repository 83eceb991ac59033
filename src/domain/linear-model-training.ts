// Fitting a LinearModel: full-batch gradient descent (Adam) on the cross-entropy
// with an L2 penalty. Full batch keeps it deterministic without a random source,
// and at a few thousand examples it takes seconds.
import { argmax, probabilities, type LinearModel } from "./linear-model.ts";
import type { Features } from "./remark-features.ts";

export interface Example<C extends string> {
  features: Features;
  label: C;
}

export interface TrainingOptions {
  /** Passes over the data. */
  iterations: number;
  /** Strength of the L2 penalty, per example. */
  l2: number;
  learningRate: number;
  /** Features seen in fewer examples than this are left out. */
  minCount: number;
  /** Weights are rounded to this many decimals, and features whose weights all round to 0 dropped. */
  decimals: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { iterations: 300, l2: 0.002, learningRate: 0.05, minCount: 2, decimals: 3 };

/**
 * `trainLinearModel([{ features: ["g:谢谢"], label: "none" }, …], ["none", "idea"])`
 * → weights that `probabilities()` applies.
 */
export function trainLinearModel<C extends string>(
  examples: readonly Example<C>[],
  classes: readonly C[],
  options: Partial<TrainingOptions> = {},
): LinearModel<C> {
  const o = { ...DEFAULT_TRAINING, ...options };
  const k = classes.length;
  const count = new Map<string, number>();
  for (const e of examples) for (const f of e.features.keys()) count.set(f, (count.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [f, n] of count) if (n >= o.minCount) index.set(f, index.size);
  const rows = examples.map((e) => {
    const known = [...e.features].filter(([f]) => index.has(f));
    return { x: known.map(([f]) => index.get(f)!), v: known.map(([, v]) => v), y: classes.indexOf(e.label) };
  });
  if (rows.some((r) => r.y < 0)) throw new Error("an example's label is not among the classes");

  const size = (index.size + 1) * k; // the last row of k is the bias
  const w = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const grad = new Float64Array(size);
  const biasAt = index.size * k;
  const n = rows.length;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= o.iterations; t++) {
    grad.fill(0);
    for (const { x, v, y } of rows) {
      const z = new Float64Array(k);
      for (let c = 0; c < k; c++) z[c] = w[biasAt + c]!;
      for (let i = 0; i < x.length; i++) for (let c = 0; c < k; c++) z[c]! += w[x[i]! * k + c]! * v[i]!;
      const max = Math.max(...z);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
      for (let c = 0; c < k; c++) {
        const g = z[c]! / sum - (c === y ? 1 : 0);
        grad[biasAt + c]! += g;
        for (let i = 0; i < x.length; i++) grad[x[i]! * k + c]! += g * v[i]!;
      }
    }
    for (let i = 0; i < size; i++) {
      const g = grad[i]! / n + (i < biasAt ? o.l2 * w[i]! : 0);
      m[i] = b1 * m[i]! + (1 - b1) * g;
      v[i] = b2 * v[i]! + (1 - b2) * g * g;
      w[i]! -= (o.learningRate * (m[i]! / (1 - b1 ** t))) / (Math.sqrt(v[i]! / (1 - b2 ** t)) + eps);
    }
  }

  const round = (x: number) => Math.round(x * 10 ** o.decimals) / 10 ** o.decimals || 0;
  const weights = new Map<string, number[]>();
  for (const [f, j] of index) {
    const row = Array.from(w.subarray(j * k, j * k + k), round);
    if (row.some((x) => x !== 0)) weights.set(f, row);
  }
  return { classes, bias: Array.from(w.subarray(biasAt, biasAt + k), round), weights };
}

/** Share of examples the model labels as their gold label: a quick check in training. */
export function accuracy<C extends string>(model: LinearModel<C>, examples: readonly Example<C>[]): number {
  if (examples.length === 0) return 0;
  const right = examples.filter((e) => model.classes[argmax(probabilities(model, e.features))] === e.label).length;
  return right / examples.length;
}
