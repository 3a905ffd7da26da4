// Train/validation/test assignment: stratified by label so every split keeps the dataset's class
// balance, and seeded so the same rows, fractions and seed always give the same splits.
import type { Label, SplitName } from "./types";

export interface SplitOptions {
  valFraction: number;
  testFraction: number;
  seed: number;
}

/** Split of each row, in row order. Totals are round(n × fraction), shared out by label. */
export function assignSplits(labels: readonly Label[], options: SplitOptions): SplitName[] {
  const splits: SplitName[] = new Array(labels.length).fill("train");
  const byLabel: number[][] = [[], []];
  labels.forEach((label, index) => byLabel[label]!.push(index));
  const sizes = byLabel.map((indices) => indices.length);
  const testSizes = apportion(Math.round(labels.length * options.testFraction), sizes);
  const valSizes = apportion(
    Math.round(labels.length * options.valFraction),
    sizes.map((size, label) => size - testSizes[label]!),
  );
  byLabel.forEach((indices, label) => {
    const random = createRandom(options.seed, label);
    shuffle(indices, random);
    const nTest = testSizes[label]!;
    const nVal = valSizes[label]!;
    for (let k = 0; k < nTest; k++) splits[indices[k]!] = "test";
    for (let k = nTest; k < nTest + nVal; k++) splits[indices[k]!] = "val";
  });
  return splits;
}

/**
 * Shares `total` among groups in proportion to their sizes (largest remainder), never giving a
 * group more than it has, so the per-label counts add up to exactly `total`.
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

/** mulberry32 seeded per (seed, label): small, fast, and the same on every platform. */
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
