import { describe, expect, it } from "vitest";
import { computeMetrics, type ScoredPrediction } from "./metrics";

const rows = (label: 0 | 1, predicted: 0 | 1 | null, count: number): ScoredPrediction[] =>
  Array.from({ length: count }, () => ({ label, predicted }));

describe("computeMetrics", () => {
  it("matches a hand-computed case with invalid answers", () => {
    // True 0: 6 right, 2 said 1, 2 invalid. True 1: 7 right, 1 said 0, 2 invalid. 20 rows.
    const metrics = computeMetrics([...rows(0, 0, 6), ...rows(0, 1, 2), ...rows(0, null, 2), ...rows(1, 1, 7), ...rows(1, 0, 1), ...rows(1, null, 2)]);
    expect(metrics.confusion.matrix).toEqual([
      [6, 2, 2],
      [1, 7, 2],
    ]);
    expect(metrics.accuracy).toBeCloseTo(13 / 20);
    expect(metrics.validAccuracy).toBeCloseTo(13 / 16);
    expect(metrics.invalidRate).toBeCloseTo(4 / 20);
    // Class 0: precision 6/7, recall 6/10. Class 1: precision 7/9, recall 7/10.
    expect(metrics.perClass["0"].precision).toBeCloseTo(6 / 7);
    expect(metrics.perClass["0"].recall).toBeCloseTo(6 / 10);
    expect(metrics.perClass["0"].f1).toBeCloseTo((2 * (6 / 7) * (6 / 10)) / (6 / 7 + 6 / 10));
    expect(metrics.perClass["1"].precision).toBeCloseTo(7 / 9);
    expect(metrics.perClass["1"].recall).toBeCloseTo(7 / 10);
    expect(metrics.perClass["0"].support).toBe(10);
    expect(metrics.perClass["1"].support).toBe(10);
    const f1One = (2 * (7 / 9) * (7 / 10)) / (7 / 9 + 7 / 10);
    expect(metrics.macroF1).toBeCloseTo((metrics.perClass["0"].f1 + f1One) / 2);
  });

  it("handles every answer invalid without dividing by zero", () => {
    const metrics = computeMetrics([...rows(0, null, 3), ...rows(1, null, 2)]);
    expect(metrics).toMatchObject({ accuracy: 0, validAccuracy: 0, invalidRate: 1, macroF1: 0 });
    expect(metrics.perClass["0"]).toEqual({ precision: 0, recall: 0, f1: 0, support: 3 });
    expect(metrics.confusion.matrix).toEqual([
      [0, 0, 3],
      [0, 0, 2],
    ]);
  });

  it("handles a class missing from the split", () => {
    const metrics = computeMetrics([...rows(1, 1, 4), ...rows(1, 0, 1)]);
    expect(metrics.accuracy).toBeCloseTo(0.8);
    expect(metrics.perClass["0"]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(metrics.perClass["1"]).toMatchObject({ precision: 1, recall: 0.8, support: 5 });
    expect(metrics.confusion.matrix.flat().reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("is all zeros for no predictions", () => {
    expect(computeMetrics([])).toMatchObject({ accuracy: 0, validAccuracy: 0, invalidRate: 0 });
  });
});
