// Train/validation/test assignment: stratified by label so every split keeps the dataset's class
// balance, and seeded so the same rows, fractions and seed always give the same splits.
import { describeLabel, labelKey, orderLabels, type Label } from "../label-set";
import type { DatasetIssue, SplitName } from "./types";

export interface SplitOptions {
  valFraction: number;
  testFraction: number;
  seed: number;
}

/** Rows each split gets: round(n × fraction), as the upload form promises. */
function splitTotals(rowCount: number, options: SplitOptions) {
  return { test: Math.round(rowCount * options.testFraction), val: Math.round(rowCount * options.valFraction) };
}

/**
 * Split of each row, in row order. Totals are round(n × fraction), shared out by class; a split
 * with room for every class (at least as many rows as classes) gets at least one row of each, and
 * every class keeps a row for training (checkClassSizes names the classes too small for that).
 */
export function assignSplits(labels: readonly Label[], options: SplitOptions): SplitName[] {
  const splits: SplitName[] = new Array(labels.length).fill("train");
  const classes = orderLabels(labels).map(labelKey);
  const classIndex = new Map(classes.map((key, i) => [key, i]));
  const byClass: number[][] = classes.map(() => []);
  labels.forEach((label, index) => byClass[classIndex.get(labelKey(label))!]!.push(index));
  const sizes = byClass.map((indices) => indices.length);
  const totals = splitTotals(labels.length, options);
  const present = sizes.filter((size) => size > 0).length;
  const needsVal = totals.val >= present && present > 1;
  const needsTest = totals.test >= present && present > 1;
  // Test first, leaving each class a row for training and, when val holds every class, one for val.
  const testSizes = shareOut(totals.test, sizes, needsTest, sizes.map((size) => size - 1 - (needsVal ? 1 : 0)));
  const left = sizes.map((size, k) => size - testSizes[k]!);
  const valSizes = shareOut(totals.val, left, needsVal, left.map((size) => size - 1));
  byClass.forEach((indices, k) => {
    const random = createRandom(options.seed, k);
    shuffle(indices, random);
    const nTest = testSizes[k]!;
    const nVal = valSizes[k]!;
    for (let i = 0; i < nTest; i++) splits[indices[i]!] = "test";
    for (let i = nTest; i < nTest + nVal; i++) splits[indices[i]!] = "val";
  });
  return splits;
}

/**
 * The proportional share (apportion) when it already gives every class a row where one is needed;
 * otherwise one row per class first (within `caps`), then the rest in proportion.
 */
function shareOut(total: number, sizes: readonly number[], needsEvery: boolean, caps: readonly number[]): number[] {
  const plain = apportion(total, sizes);
  if (!needsEvery) return plain;
  const isFine = plain.every((share, k) => sizes[k] === 0 || (share >= 1 && share <= Math.max(0, caps[k]!)));
  if (isFine) return plain;
  const mins = sizes.map((size, k): number => (size > 0 && caps[k]! >= 1 ? 1 : 0));
  const room = sizes.map((_, k) => Math.max(0, caps[k]! - mins[k]!));
  const rest = apportion(total - mins.reduce((a, b) => a + b, 0), room);
  return mins.map((min, k) => min + rest[k]!);
}

/**
 * Classes with too few rows to appear in every split that has room for every class: a class needs
 * one row for training plus one for each such split. Empty for a dataset the splits can hold.
 */
export function checkClassSizes(labels: readonly Label[], options: SplitOptions, splitNames = { val: "validation", test: "test" }): DatasetIssue[] {
  const counts = new Map<string, { label: Label; count: number }>();
  for (const label of labels) {
    const entry = counts.get(labelKey(label)) ?? { label, count: 0 };
    entry.count++;
    counts.set(labelKey(label), entry);
  }
  if (counts.size < 2) return [];
  const totals = splitTotals(labels.length, options);
  const needed = ["train", ...(totals.val >= counts.size ? [splitNames.val] : []), ...(totals.test >= counts.size ? [splitNames.test] : [])];
  if (needed.length === 1) return [];
  return [...counts.values()]
    .filter(({ count }) => count < needed.length)
    .map(({ label, count }) => ({
      field: "label",
      message: `label ${describeLabel(label)} has ${count} row${count === 1 ? "" : "s"}; it needs at least ${needed.length} to appear in the ${joinNames(needed)} splits (add rows of this class, or remove it)`,
    }));
}

const joinNames = (names: string[]) => (names.length === 2 ? names.join(" and ") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/**
 * Shares `total` among groups in proportion to their sizes (largest remainder), never giving a
 * group more than it has, so the per-group counts add up to exactly `total`.
 */
export function apportion(total: number, sizes: readonly number[]): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum === 0) return sizes.map(() => 0);
  const capped = Math.min(total, sum);
  const exact = sizes.map((size) => (capped * size) / sum);
  const shares = exact.map(Math.floor);
  let left = capped - shares.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, group) => ({ group, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.group - b.group);
  for (let k = 0; left > 0 && k < order.length * 2; k++) {
    const { group } = order[k % order.length]!;
    if (shares[group]! < sizes[group]!) {
      shares[group]!++;
      left--;
    }
  }
  return shares;
}

/** mulberry32 seeded per (seed, class index): small, fast, and the same on every platform. */
export function createRandom(seed: number, stream = 0): () => number {
  let state = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
