// Pure helpers for the training charts: merging metric points by step, EMA smoothing, log scale.
import type { JobMetricPoint } from "@loraboard/contracts";

type MetricField = "loss" | "gradNorm" | "learningRate" | "evalLoss" | "evalAccuracy" | "evalMacroF1" | "epoch";
const FIELDS: MetricField[] = ["epoch", "loss", "gradNorm", "learningRate", "evalLoss", "evalAccuracy", "evalMacroF1"];

/**
 * Merges points into a step-ordered list, each step once. A later point for a step fills or replaces
 * the fields it carries (an eval point may arrive apart from the training point of the same step).
 */
export function mergeMetricPoints(current: JobMetricPoint[], incoming: JobMetricPoint[]): JobMetricPoint[] {
  if (incoming.length === 0) return current;
  const last = current.at(-1);
  const isAppendOnly = incoming.every((point, i) => point.step > (i === 0 ? (last?.step ?? -Infinity) : incoming[i - 1]!.step));
  if (isAppendOnly) return [...current, ...incoming];
  const byStep = new Map(current.map((point) => [point.step, point]));
  for (const point of incoming) {
    const existing = byStep.get(point.step);
    if (!existing) {
      byStep.set(point.step, point);
      continue;
    }
    const merged: JobMetricPoint = { ...existing };
    for (const field of FIELDS) {
      const value = point[field];
      if (value !== null && value !== undefined) merged[field] = value;
    }
    byStep.set(point.step, merged);
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/**
 * Exponential moving average as TensorBoard draws it: debiased, so the first points are not pulled
 * towards zero; missing values are skipped (they stay missing).
 */
export function smoothSeries(values: (number | null | undefined)[], weight: number): (number | null)[] {
  if (weight <= 0) return values.map((value) => (isFiniteNumber(value) ? value : null));
  let average = 0;
  let count = 0;
  return values.map((value) => {
    if (!isFiniteNumber(value)) return null;
    average = average * weight + (1 - weight) * value;
    count += 1;
    return average / (1 - weight ** count);
  });
}

/** A log axis cannot show zero or negative values: they become gaps. */
export function positiveOrNull(value: number | null | undefined): number | null {
  return isFiniteNumber(value) && value > 0 ? value : null;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * At most about `maxRows` evenly spaced indexes to draw (a live run keeps appending points to the
 * server's downsampled history); the first and last points and every eval point are kept.
 */
export function pickRenderedIndexes(points: JobMetricPoint[], maxRows: number): number[] {
  if (points.length <= maxRows) return points.map((_, i) => i);
  const stride = Math.ceil(points.length / maxRows);
  const indexes: number[] = [];
  points.forEach((point, i) => {
    const isEval = isFiniteNumber(point.evalLoss) || isFiniteNumber(point.evalAccuracy);
    if (i % stride === 0 || isEval || i === points.length - 1) indexes.push(i);
  });
  return indexes;
}
