// Numbers the report derives from an evaluation: counts from the confusion matrix, the comparison's order and deltas.
import type { Evaluation } from "@loraboard/contracts";

export interface ConfusionCounts {
  all: number;
  correct: number;
  /** Wrong labels plus invalid answers: what the "wrong" filter lists. */
  wrong: number;
  invalid: number;
}

/** Rows are the true labels, columns the answered labels in the same order, then "invalid" (last). */
export function countConfusion(matrix: number[][]): ConfusionCounts {
  const all = matrix.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const invalid = matrix.reduce((sum, row) => sum + (row[matrix.length] ?? 0), 0);
  const correct = matrix.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  return { all, correct, wrong: all - correct, invalid };
}

/** Finished reports by accuracy, best first; the rest after them; ties newest first. */
export function compareByAccuracy(a: Pick<Evaluation, "metrics" | "createdAt">, b: Pick<Evaluation, "metrics" | "createdAt">) {
  const left = a.metrics?.accuracy ?? -1;
  const right = b.metrics?.accuracy ?? -1;
  return right - left || b.createdAt.localeCompare(a.createdAt);
}

/** Accuracy difference in percentage points: "+20.0 pt", "−3.3 pt", "±0.0 pt"; "—" when either is missing. */
export function formatPointDelta(value: number | undefined, reference: number | undefined): string {
  if (value === undefined || reference === undefined) return "—";
  const points = (value - reference) * 100;
  if (Math.abs(points) < 0.05) return "±0.0 pt";
  return `${points > 0 ? "+" : "−"}${Math.abs(points).toFixed(1)} pt`;
}

/** A lift already in points (the API's `baseline.lift`): "+18.0 points", "−3.3 points", "±0.0 points". */
export function formatLift(points: number | null | undefined): string {
  if (points === null || points === undefined || !Number.isFinite(points)) return "—";
  if (Math.abs(points) < 0.05) return "±0.0 points";
  return `${points > 0 ? "+" : "−"}${Math.abs(points).toFixed(1)} points`;
}
