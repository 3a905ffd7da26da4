import { describe, expect, it } from "vitest";
import { buildHistogram, computeDatasetStats, percentile } from "./stats";

describe("computeDatasetStats", () => {
  it("measures lengths in characters, with percentiles and label counts per split", () => {
    const stats = computeDatasetStats({
      sentences: ["好😀", "abcd", "abcdef", "x"],
      labels: [1, 0, 0, 1],
      splits: ["train", "train", "val", "test"],
      duplicateCount: 0,
    });
    expect(stats.lengths).toMatchObject({ min: 1, max: 6, p50: 2, p99: 6, mean: 3.3 });
    expect(stats.labelCountsBySplit).toEqual({ train: { "0": 1, "1": 1 }, val: { "0": 1, "1": 0 }, test: { "0": 0, "1": 1 } });
    expect(stats.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(4);
  });
});

describe("buildHistogram", () => {
  it("puts a long tail into an overflow bin", () => {
    const lengths = [...Array.from({ length: 200 }, (_, i) => i % 50), 5000];
    const bins = buildHistogram(lengths, lengths.map(() => 0), Float64Array.from(lengths).sort());
    expect(bins.at(-1)).toMatchObject({ isOverflow: true, count: 1, end: 5001 });
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(201);
  });
});

describe("percentile", () => {
  it("uses the nearest rank", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 99)).toBe(4);
    expect(percentile([], 50)).toBe(0);
  });
});
