import { describe, expect, it } from "vitest";
import { mergeMetricPoints, pickRenderedIndexes, positiveOrNull, smoothSeries } from "./metrics";

const point = (step: number, loss: number | null, evalLoss?: number | null) => ({
  step,
  epoch: step / 10,
  loss,
  gradNorm: 1,
  learningRate: 1e-4,
  ...(evalLoss !== undefined ? { evalLoss } : {}),
});

describe("mergeMetricPoints", () => {
  it("appends newer steps and keeps each step once when replayed events overlap", () => {
    const merged = mergeMetricPoints([point(1, 2), point(2, 1.5)], [point(2, 1.5), point(3, 1.2)]);
    expect(merged.map((p) => p.step)).toEqual([1, 2, 3]);
  });

  it("fills an eval loss that arrives apart from the training point of its step", () => {
    const merged = mergeMetricPoints([point(5, 1)], [{ step: 5, epoch: null, loss: null, gradNorm: null, learningRate: null, evalLoss: 0.9 }]);
    expect(merged).toEqual([{ ...point(5, 1), evalLoss: 0.9 }]);
  });

  it("fills the validation accuracy and macro-F1 of an eval point arriving apart", () => {
    const evalPoint = { step: 5, epoch: null, loss: null, gradNorm: null, learningRate: null, evalLoss: 0.9, evalAccuracy: 0.8, evalMacroF1: 0.75 };
    expect(mergeMetricPoints([point(5, 1)], [evalPoint])).toEqual([{ ...point(5, 1), evalLoss: 0.9, evalAccuracy: 0.8, evalMacroF1: 0.75 }]);
  });

  it("sorts out-of-order points", () => {
    expect(mergeMetricPoints([point(4, 1)], [point(2, 1), point(3, 1)]).map((p) => p.step)).toEqual([2, 3, 4]);
  });
});

describe("smoothSeries", () => {
  it("is the identity at weight 0 and debiased (starts at the first value) otherwise", () => {
    expect(smoothSeries([1, 2, 3], 0)).toEqual([1, 2, 3]);
    const smoothed = smoothSeries([4, null, 2], 0.5);
    expect(smoothed[0]).toBeCloseTo(4);
    expect(smoothed[1]).toBeNull();
    // (0.5*2 + 0.25*... ) debiased: ((4*0.5)*0.5 + 0.5*2) / (1 - 0.25) = 2 / 0.75
    expect(smoothed[2]).toBeCloseTo(2 / 0.75);
  });

  it("drops values a log axis cannot show", () => {
    expect([0, -1, 2, null].map(positiveOrNull)).toEqual([null, null, 2, null]);
  });
});

describe("pickRenderedIndexes", () => {
  it("keeps everything under the limit, and thins evenly above it keeping eval points and the last", () => {
    const few = [point(1, 1), point(2, 1)];
    expect(pickRenderedIndexes(few, 10)).toEqual([0, 1]);
    const many = Array.from({ length: 100 }, (_, i) => point(i, 1, i === 37 ? 0.5 : undefined));
    const picked = pickRenderedIndexes(many, 10);
    expect(picked).toContain(37);
    expect(picked).toContain(99);
    expect(picked.length).toBeLessThanOrEqual(12);
  });
});
