import { describe, expect, it } from "vitest";
import { apportion, assignSplits, checkClassSizes } from "./split";
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

describe("assignSplits with many classes", () => {
  const repeat = (label: string, count: number) => Array<string>(count).fill(label);

  it("puts every class, rare ones included, in every split that has room for all of them", () => {
    // 3 common classes and 2 rare ones (3 rows each): test and val (12 rows each) hold all 5.
    const labels = [...repeat("体育", 38), ...repeat("财经", 38), ...repeat("科技", 38), ...repeat("罕见", 3), ...repeat("稀有", 3)];
    const splits = assignSplits(labels, { valFraction: 0.1, testFraction: 0.1, seed: 42 });
    expect(countSplits(splits)).toEqual({ train: 96, val: 12, test: 12 });
    for (const split of ["train", "val", "test"] as const) {
      const present = new Set(labels.filter((_, i) => splits[i] === split));
      expect([...present].sort()).toEqual(["体育", "科技", "稀有", "罕见", "财经"].sort());
    }
    expect(assignSplits(labels, { valFraction: 0.1, testFraction: 0.1, seed: 42 })).toEqual(splits);
  });

  it("stratifies large classes in proportion", () => {
    const labels = [...repeat("a", 600), ...repeat("b", 300), ...repeat("c", 100)];
    const splits = assignSplits(labels, { valFraction: 0.1, testFraction: 0.2, seed: 1 });
    const inTest = (label: string) => labels.filter((l, i) => l === label && splits[i] === "test").length;
    expect([inTest("a"), inTest("b"), inTest("c")]).toEqual([120, 60, 20]);
  });
});

describe("checkClassSizes", () => {
  it("names each class too small to be in train, validation and test", () => {
    const labels = [...Array<string>(40).fill("common"), "rare", "rare", "once", 7, 7, 7];
    expect(checkClassSizes(labels, { valFraction: 0.1, testFraction: 0.1, seed: 1 })).toEqual([
      { field: "label", message: 'label "rare" has 2 rows; it needs at least 3 to appear in the train, validation and test splits (add rows of this class, or remove it)' },
      { field: "label", message: 'label "once" has 1 row; it needs at least 3 to appear in the train, validation and test splits (add rows of this class, or remove it)' },
    ]);
  });

  it("asks only for the splits that are used and have room for every class", () => {
    const labels = [...Array<string>(40).fill("common"), "rare", "rare"];
    expect(checkClassSizes(labels, { valFraction: 0.1, testFraction: 0, seed: 1 })).toEqual([]);
    // 4 rows, 2 classes: val and test get one row each, too few to hold both classes anyway.
    expect(checkClassSizes([0, 0, 1, 1], { valFraction: 0.25, testFraction: 0.25, seed: 1 })).toEqual([]);
  });
});
