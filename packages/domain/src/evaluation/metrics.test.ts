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
    expect(metrics.perClass["0"]!.precision).toBeCloseTo(6 / 7);
    expect(metrics.perClass["0"]!.recall).toBeCloseTo(6 / 10);
    expect(metrics.perClass["0"]!.f1).toBeCloseTo((2 * (6 / 7) * (6 / 10)) / (6 / 7 + 6 / 10));
    expect(metrics.perClass["1"]!.precision).toBeCloseTo(7 / 9);
    expect(metrics.perClass["1"]!.recall).toBeCloseTo(7 / 10);
    expect(metrics.perClass["0"]!.support).toBe(10);
    expect(metrics.perClass["1"]!.support).toBe(10);
    const f1One = (2 * (7 / 9) * (7 / 10)) / (7 / 9 + 7 / 10);
    expect(metrics.macroF1).toBeCloseTo((metrics.perClass["0"]!.f1 + f1One) / 2);
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

describe("computeMetrics with N classes", () => {
  const scored = (label: string, predicted: string | null, count = 1): ScoredPrediction[] =>
    Array.from({ length: count }, () => ({ label, predicted }));

  it("matches a hand-computed three-class case", () => {
    // True A: A, A, B, invalid. True B: B, B, C. True C: C, A, invalid.
    const metrics = computeMetrics(
      [...scored("A", "A", 2), ...scored("A", "B"), ...scored("A", null), ...scored("B", "B", 2), ...scored("B", "C"), ...scored("C", "C"), ...scored("C", "A"), ...scored("C", null)],
      ["A", "B", "C"],
    );
    expect(metrics.confusion).toEqual({
      labels: ["A", "B", "C", "invalid"],
      matrix: [
        [2, 1, 0, 1],
        [0, 2, 1, 0],
        [1, 0, 1, 1],
      ],
    });
    expect(metrics.accuracy).toBeCloseTo(5 / 10);
    expect(metrics.validAccuracy).toBeCloseTo(5 / 8);
    expect(metrics.invalidRate).toBeCloseTo(2 / 10);
    expect(metrics.perClass.A).toEqual({ precision: expect.closeTo(2 / 3), recall: expect.closeTo(1 / 2), f1: expect.closeTo(4 / 7), support: 4 });
    expect(metrics.perClass.B).toEqual({ precision: expect.closeTo(2 / 3), recall: expect.closeTo(2 / 3), f1: expect.closeTo(2 / 3), support: 3 });
    expect(metrics.perClass.C).toEqual({ precision: expect.closeTo(1 / 2), recall: expect.closeTo(1 / 3), f1: expect.closeTo(2 / 5), support: 3 });
    expect(metrics.macroF1).toBeCloseTo(172 / 315);
  });

  it("has one row per class and N+1 columns at 10 classes, classes without rows included", () => {
    const classes = Array.from({ length: 10 }, (_, i) => `类${i}`);
    const metrics = computeMetrics(classes.slice(0, 9).flatMap((label) => scored(label, label)), classes);
    expect(metrics.confusion.labels).toEqual([...classes, "invalid"]);
    expect(metrics.confusion.matrix).toHaveLength(10);
    expect(metrics.confusion.matrix.every((row) => row.length === 11)).toBe(true);
    expect(metrics.perClass["类9"]).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(metrics.accuracy).toBe(1);
    expect(metrics.macroF1).toBeCloseTo(9 / 10);
  });

  it("keeps integer labels apart from text and orders them as the dataset does", () => {
    const metrics = computeMetrics([{ label: 2, predicted: 2 }, { label: 0, predicted: 1 }, { label: 1, predicted: null }]);
    expect(metrics.confusion.labels).toEqual(["0", "1", "2", "invalid"]);
    expect(metrics.confusion.matrix).toEqual([
      [0, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
    ]);
  });
});
