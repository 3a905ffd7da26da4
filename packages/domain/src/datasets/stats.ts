// Headline numbers of a stored dataset: label and split counts, sentence lengths (in characters)
// as percentiles and a histogram, duplicates.
import type { DatasetStats, LabelCounts, LengthHistogramBin, SplitCounts } from "@loraboard/contracts";
import { LONG_SENTENCE_CHARS, countCodePoints } from "./validate";
import type { Label, SplitName } from "./types";

const HISTOGRAM_BINS = 20;

export interface StatsInput {
  sentences: readonly string[];
  labels: readonly Label[];
  splits: readonly SplitName[];
  duplicateCount: number;
}

export function countLabels(labels: readonly Label[]): LabelCounts {
  const counts = { "0": 0, "1": 0 };
  for (const label of labels) counts[label === 1 ? "1" : "0"]++;
  return counts;
}

export function countSplits(splits: readonly SplitName[]): SplitCounts {
  const counts = { train: 0, val: 0, test: 0 };
  for (const split of splits) counts[split]++;
  return counts;
}

export function computeDatasetStats({ sentences, labels, splits, duplicateCount }: StatsInput): DatasetStats {
  const lengths = sentences.map(countCodePoints);
  const sorted = Float64Array.from(lengths).sort();
  const labelCountsBySplit = {
    train: { "0": 0, "1": 0 },
    val: { "0": 0, "1": 0 },
    test: { "0": 0, "1": 0 },
  };
  splits.forEach((split, i) => labelCountsBySplit[split][labels[i] === 1 ? "1" : "0"]++);
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
    histogram: buildHistogram(lengths, labels, sorted),
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
export function buildHistogram(lengths: readonly number[], labels: readonly Label[], sorted: ArrayLike<number>): LengthHistogramBin[] {
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
    labelCounts: { "0": 0, "1": 0 },
  }));
  lengths.forEach((length, i) => {
    const bin = bins[Math.min(Math.floor(length / width), binCount - 1)]!;
    bin.count++;
    bin.labelCounts[labels[i] === 1 ? "1" : "0"]++;
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
