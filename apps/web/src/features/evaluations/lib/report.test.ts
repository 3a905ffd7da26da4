import { describe, expect, it } from "vitest";
import { formatRatio, labelName } from "./format";
import { compareByAccuracy, countConfusion, formatLift, formatPointDelta } from "./report";

describe("countConfusion", () => {
  it("counts right, wrong (invalid included) and invalid answers", () => {
    expect(countConfusion([[11, 2, 2], [2, 12, 1]])).toEqual({ all: 30, correct: 23, wrong: 7, invalid: 3 });
  });

  it("handles all-invalid and an empty matrix", () => {
    expect(countConfusion([[0, 0, 5], [0, 0, 5]])).toEqual({ all: 10, correct: 0, wrong: 10, invalid: 10 });
    expect(countConfusion([])).toEqual({ all: 0, correct: 0, wrong: 0, invalid: 0 });
  });

  it("reads N classes: the diagonal is right, the last column invalid", () => {
    expect(countConfusion([[2, 1, 0, 1], [0, 2, 1, 0], [1, 0, 1, 1]])).toEqual({ all: 10, correct: 5, wrong: 5, invalid: 2 });
  });
});

describe("labelName", () => {
  it("names 0/1 classes with their meaning and other labels by label and word", () => {
    expect(labelName("体育", { 体育: "体育", 财经: "财经", 科技: "科技" })).toBe("体育");
    expect(labelName(2, { "0": "zero", "1": "one", "2": "two" })).toBe("2 · two");
    expect(labelName("0", { "0": "zero", "1": "one", "2": "two" })).toBe("0 · zero");
  });
});

describe("compareByAccuracy", () => {
  const at = (accuracy: number | null, createdAt: string) => ({
    createdAt,
    metrics: accuracy === null ? null : ({ accuracy } as never),
  });

  it("puts the best accuracy first, unfinished last, ties newest first", () => {
    const items = [at(null, "2026-01-03"), at(0.7, "2026-01-01"), at(0.9, "2026-01-01"), at(0.7, "2026-01-02")];
    expect(items.sort(compareByAccuracy)).toEqual([at(0.9, "2026-01-01"), at(0.7, "2026-01-02"), at(0.7, "2026-01-01"), at(null, "2026-01-03")]);
  });
});

describe("formatting", () => {
  it("writes deltas in percentage points with a real minus", () => {
    expect(formatPointDelta(0.9667, 0.7667)).toBe("+20.0 pt");
    expect(formatPointDelta(0.9333, 0.9667)).toBe("−3.3 pt");
    expect(formatPointDelta(0.5, 0.50001)).toBe("±0.0 pt");
    expect(formatPointDelta(undefined, 0.5)).toBe("—");
  });

  it("writes ratios as percentages and labels with number and name", () => {
    expect(formatRatio(23 / 30)).toBe("76.7%");
    expect(formatRatio(null)).toBe("—");
    expect(formatRatio(Number.NaN)).toBe("—");
    expect(labelName(1)).toBe("1 · 积极 (positive)");
    expect(labelName("0", { "0": "差评", "1": "好评" })).toBe("0 · 差评 (negative)");
  });
});

describe("formatLift", () => {
  it("signs the adapter's lift over its base model in points", () => {
    expect(formatLift(18)).toBe("+18.0 points");
    expect(formatLift(-3.333)).toBe("−3.3 points");
    expect(formatLift(0.01)).toBe("±0.0 points");
    expect(formatLift(null)).toBe("—");
  });
});
