// Accuracy report metrics for N classes with invalid answers. An invalid answer (the model said no
// label word) counts as wrong in `accuracy`; `validAccuracy` leaves invalid answers out, which is
// the tutorial's figure and flatters a model that often answers nonsense.
import { labelKey, orderLabels, type Label } from "../label-set";

export type { Label };

export interface ScoredPrediction {
  label: Label;
  predicted: Label | null;
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvaluationMetrics {
  accuracy: number;
  validAccuracy: number;
  invalidRate: number;
  macroF1: number;
  /** By label key, in class order. */
  perClass: Record<string, ClassMetrics>;
  /** One row per class (true label), one column per class (predicted) and a last one, "invalid". */
  confusion: { labels: string[]; matrix: number[][] };
}

export const INVALID_COLUMN = "invalid";

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

/**
 * Metrics over the given classes (the dataset's, in order; by default the labels seen, or 0/1).
 * A predicted label outside the classes cannot happen with parseLabel; it would count as invalid.
 */
export function computeMetrics(predictions: ScoredPrediction[], classes?: readonly Label[]): EvaluationMetrics {
  const keys = (classes ?? orderLabels(predictions.map((p) => p.label))).map(labelKey);
  const column = new Map(keys.map((key, i) => [key, i]));
  const invalidColumn = keys.length;
  const matrix = keys.map(() => new Array<number>(keys.length + 1).fill(0));
  for (const { label, predicted } of predictions) {
    const row = column.get(labelKey(label));
    if (row === undefined) continue;
    const col = predicted === null ? invalidColumn : (column.get(labelKey(predicted)) ?? invalidColumn);
    matrix[row]![col]! += 1;
  }
  const total = matrix.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  const correct = keys.reduce((sum, _, i) => sum + matrix[i]![i]!, 0);
  const invalid = matrix.reduce((sum, row) => sum + row[invalidColumn]!, 0);
  const valid = total - invalid;

  const perClass: Record<string, ClassMetrics> = {};
  keys.forEach((key, i) => {
    const truePositives = matrix[i]![i]!;
    const predictedAsClass = matrix.reduce((sum, row) => sum + row[i]!, 0);
    const support = matrix[i]!.reduce((a, b) => a + b, 0);
    const precision = ratio(truePositives, predictedAsClass);
    // Recall over every row of this class, invalid answers included: they are misses.
    const recall = ratio(truePositives, support);
    perClass[key] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  return {
    accuracy: ratio(correct, total),
    validAccuracy: ratio(correct, valid),
    invalidRate: ratio(invalid, total),
    macroF1: ratio(Object.values(perClass).reduce((sum, m) => sum + m.f1, 0), keys.length),
    perClass,
    confusion: { labels: [...keys, INVALID_COLUMN], matrix },
  };
}
