import { describe, expect, it } from "vitest";
import { apportion, assignSplits } from "./split";
import { countSplits } from "./stats";
import type { Label } from "./types";

const labelsOf = (zeros: number, ones: number): Label[] => [...Array<Label>(zeros).fill(0), ...Array<Label>(ones).fill(1)];

describe("assignSplits", () => {
  it("gives round(n × fraction) rows to val and test, stratified by label", () => {
    const labels = labelsOf(6242, 5758);
    const splits = assignSplits(labels, { valFraction: 0.1, testFraction: 0.1, seed: 42 });
    expect(countSplits(splits)).toEqual({ train: 9600, val: 1200, test: 1200 });
    const positiveInTest = splits.filter((split, i) => split === "test" && labels[i] === 1).length;
    expect(Math.abs(positiveInTest - 576)).toBeLessThanOrEqual(1);
  });

  it("is reproducible for a seed and different for another", () => {
    const labels = labelsOf(50, 50);
    const options = { valFraction: 0.2, testFraction: 0.2, seed: 7 };
    expect(assignSplits(labels, options)).toEqual(assignSplits(labels, options));
    expect(assignSplits(labels, options)).not.toEqual(assignSplits(labels, { ...options, seed: 8 }));
  });

  it("handles tiny and single-class datasets and zero fractions", () => {
    expect(countSplits(assignSplits([1], { valFraction: 0.1, testFraction: 0.1, seed: 1 }))).toEqual({ train: 1, val: 0, test: 0 });
    expect(countSplits(assignSplits(labelsOf(0, 10), { valFraction: 0.2, testFraction: 0, seed: 1 }))).toEqual({ train: 8, val: 2, test: 0 });
  });
});

describe("apportion", () => {
  it("shares a total exactly, never beyond a group's size", () => {
    expect(apportion(1200, [6242, 5758])).toEqual([624, 576]);
    expect(apportion(3, [1, 1])).toEqual([1, 1]);
    expect(apportion(1, [0, 0])).toEqual([0, 0]);
  });
});
