// Accuracy report metrics for binary sentiment with invalid answers. An invalid answer (the model
// said neither label word) counts as wrong in `accuracy`; `validAccuracy` leaves invalid answers
// out, which is the tutorial's figure and flatters a model that often answers nonsense.
import type { Label } from "../datasets/types";

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
  perClass: { "0": ClassMetrics; "1": ClassMetrics };
  confusion: { labels: ["0", "1", "invalid"]; matrix: number[][] };
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

export function computeMetrics(predictions: ScoredPrediction[]): EvaluationMetrics {
  // Rows: true label 0, 1. Columns: predicted 0, 1, invalid.
  const matrix = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (const { label, predicted } of predictions) {
    matrix[label]![predicted === null ? 2 : predicted]! += 1;
  }
  const total = predictions.length;
  const correct = matrix[0]![0]! + matrix[1]![1]!;
  const invalid = matrix[0]![2]! + matrix[1]![2]!;
  const valid = total - invalid;

  const classMetrics = (label: Label): ClassMetrics => {
    const other = label === 0 ? 1 : 0;
    const truePositives = matrix[label]![label]!;
    const predictedAsLabel = truePositives + matrix[other]![label]!;
    const support = matrix[label]!.reduce((a, b) => a + b, 0);
    const precision = ratio(truePositives, predictedAsLabel);
    // Recall over every row of this class, invalid answers included: they are misses.
    const recall = ratio(truePositives, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  };
  const perClass = { "0": classMetrics(0), "1": classMetrics(1) };
  return {
    accuracy: ratio(correct, total),
    validAccuracy: ratio(correct, valid),
    invalidRate: ratio(invalid, total),
    macroF1: (perClass["0"].f1 + perClass["1"].f1) / 2,
    perClass,
    confusion: { labels: ["0", "1", "invalid"], matrix },
  };
}
