// A sweep's jobs ranked by its metric, from their validation curves: the best accuracy (a tie goes
// to the lower eval loss, as the trainer picks its best checkpoint) or the lowest eval loss (a tie
// goes to the higher accuracy). Jobs that have not evaluated yet come last, unranked.
import type { SweepCurvePoint, SweepMetric } from "@loraboard/contracts";

export interface JobScores {
  bestValAccuracy: number | null;
  bestEvalLoss: number | null;
}

export function scoresOf(curve: SweepCurvePoint[]): JobScores {
  const accuracies = curve.flatMap((point) => (point.evalAccuracy === null ? [] : [point.evalAccuracy]));
  const losses = curve.flatMap((point) => (point.evalLoss === null ? [] : [point.evalLoss]));
  return {
    bestValAccuracy: accuracies.length ? Math.max(...accuracies) : null,
    bestEvalLoss: losses.length ? Math.min(...losses) : null,
  };
}

export function scoreFor(metric: SweepMetric, scores: JobScores): number | null {
  return metric === "valAccuracy" ? scores.bestValAccuracy : scores.bestEvalLoss;
}

/** Best first; unscored ones keep their order, after the scored ones. Stable. */
export function rankByMetric<T extends JobScores>(metric: SweepMetric, items: T[]): (T & { rank: number | null; score: number | null })[] {
  const sign = metric === "valAccuracy" ? -1 : 1;
  const tieSign = -sign;
  const tieOf = (item: T) => (metric === "valAccuracy" ? item.bestEvalLoss : item.bestValAccuracy);
  const scored = items
    .map((item, index) => ({ item, index, score: scoreFor(metric, item) }))
    .sort((a, b) => {
      if (a.score === null || b.score === null) return a.score === b.score ? a.index - b.index : a.score === null ? 1 : -1;
      if (a.score !== b.score) return sign * (a.score - b.score);
      const [tieA, tieB] = [tieOf(a.item), tieOf(b.item)];
      if (tieA !== null && tieB !== null && tieA !== tieB) return tieSign * (tieA - tieB);
      return a.index - b.index;
    });
  return scored.map(({ item, score }, position) => ({ ...item, score, rank: score === null ? null : position + 1 }));
}
