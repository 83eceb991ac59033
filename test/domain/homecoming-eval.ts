import { parseHomecoming, type HomecomingAnswer } from "../../src/domain/homecoming.ts";
import type { HomecomingCase } from "./homecoming.fixture.ts";

export interface Evaluation {
  total: number;
  /** Status and both days right. */
  correct: number;
  statusCorrect: number;
  accuracy: number;
  misses: (HomecomingCase & { got: HomecomingAnswer })[];
}

/** Runs the parser over fixture cases; a case counts only when status, from and to all match. */
export function evaluateHomecoming(cases: readonly HomecomingCase[]): Evaluation {
  const misses: Evaluation["misses"] = [];
  let statusCorrect = 0;
  for (const c of cases) {
    const got = parseHomecoming(c.text, c);
    if (got.status === c.expected.status) statusCorrect++;
    if (JSON.stringify(got) !== JSON.stringify(c.expected)) misses.push({ ...c, got });
  }
  const correct = cases.length - misses.length;
  return { total: cases.length, correct, statusCorrect, accuracy: cases.length ? correct / cases.length : 0, misses };
}
