// Headline numbers of a stored dataset: label and split counts, sentence lengths (in characters)
// as percentiles and a histogram, duplicates.
import type { DatasetStats, LabelCounts, LengthHistogramBin, SplitCounts } from "@loraboard/contracts";
import { labelKey, orderLabels, type Label } from "../label-set";
import { LONG_SENTENCE_CHARS, countCodePoints } from "./validate";
import type { SplitName } from "./types";

const HISTOGRAM_BINS = 20;

export interface StatsInput {
  sentences: readonly string[];
  labels: readonly Label[];
  splits: readonly SplitName[];
  duplicateCount: number;
  /** The dataset's classes in order; derived from `labels` when omitted. */
  classes?: readonly Label[];
}

/** Rows per class, every class present (0 when it has none), keyed by label in class order. */
export function countLabels(labels: readonly Label[], classes: readonly Label[] = orderLabels(labels)): LabelCounts {
  const counts = emptyCounts(classes);
  for (const label of labels) counts[labelKey(label)] = (counts[labelKey(label)] ?? 0) + 1;
  return counts;
}

const emptyCounts = (classes: readonly Label[]): LabelCounts => Object.fromEntries(classes.map((label) => [labelKey(label), 0]));

export function countSplits(splits: readonly SplitName[]): SplitCounts {
  const counts = { train: 0, val: 0, test: 0 };
  for (const split of splits) counts[split]++;
  return counts;
}

export function computeDatasetStats({ sentences, labels, splits, duplicateCount, classes = orderLabels(labels) }: StatsInput): DatasetStats {
  const lengths = sentences.map(countCodePoints);
  const sorted = Float64Array.from(lengths).sort();
  const labelCountsBySplit = { train: emptyCounts(classes), val: emptyCounts(classes), test: emptyCounts(classes) };
  splits.forEach((split, i) => labelCountsBySplit[split][labelKey(labels[i]!)]! += 1);
  return {
    lengths: {
      min: sorted[0] ?? 0,
      max: sorted[sorted.length - 1] ?? 0,
      mean: sorted.length ? Math.round((sorted.reduce((a, b) => a + b, 0) / sorted.length) * 10) / 10 : 0,
      p25: percentile(sorted, 25),
      p50: percentile(sorted, 50),
      p75: percentile(sorted, 75),
      p90: percentile(sorted, 90),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    },
    histogram: buildHistogram(lengths, labels, sorted, classes),
    duplicateCount,
    longSentenceCount: lengths.filter((length) => length > LONG_SENTENCE_CHARS).length,
    labelCountsBySplit,
  };
}

/** Nearest-rank percentile of ascending values (0 for none). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/**
 * Equal-width bins of a "nice" width from 0; a long tail (max beyond twice the 99th percentile)
 * goes into a last overflow bin so the chart shows where most sentences are.
 */
export function buildHistogram(
  lengths: readonly number[],
  labels: readonly Label[],
  sorted: ArrayLike<number>,
  classes: readonly Label[] = orderLabels(labels),
): LengthHistogramBin[] {
  if (lengths.length === 0) return [];
  const max = sorted[sorted.length - 1]!;
  const p99 = percentile(sorted, 99);
  const hasTail = max > 2 * p99 && p99 > 0;
  const upper = hasTail ? p99 : max;
  const width = niceWidth((upper + 1) / (hasTail ? HISTOGRAM_BINS - 1 : HISTOGRAM_BINS));
  const regularBins = Math.max(1, Math.ceil((upper + 1) / width));
  const binCount = regularBins + (hasTail ? 1 : 0);
  const bins: LengthHistogramBin[] = Array.from({ length: binCount }, (_, k) => ({
    start: k * width,
    end: k === binCount - 1 && hasTail ? max + 1 : (k + 1) * width,
    ...(k === binCount - 1 && hasTail ? { isOverflow: true } : {}),
    count: 0,
    labelCounts: emptyCounts(classes),
  }));
  lengths.forEach((length, i) => {
    const bin = bins[Math.min(Math.floor(length / width), binCount - 1)]!;
    bin.count++;
    bin.labelCounts[labelKey(labels[i]!)]! += 1;
  });
  return bins;
}

function niceWidth(raw: number): number {
  if (raw <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const width = step * magnitude;
    if (width >= raw && Number.isInteger(width)) return width;
  }
  return 10 * magnitude;
}
