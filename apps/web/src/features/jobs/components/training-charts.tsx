"use client";

import { useMemo, useState } from "react";
import type { JobMetricPoint } from "@loraboard/contracts";
import { isFiniteNumber, pickRenderedIndexes, positiveOrNull, smoothSeries } from "../lib/metrics";
import { ChartControls } from "./chart-controls";
import { MetricChart } from "./metric-chart";

/** Smoothing runs over every point; only the drawing is thinned, to keep long live runs fluid. */
const MAX_RENDERED_ROWS = 3000;

/** Loss (with eval loss), validation accuracy from logits, gradient norm and learning rate over the whole run. */
export function TrainingCharts({ metrics }: { metrics: JobMetricPoint[] }) {
  const [smoothing, setSmoothing] = useState(0.6);
  const [isLogScale, setIsLogScale] = useState(false);

  const rows = useMemo(() => {
    const scale = isLogScale ? positiveOrNull : (value: number | null | undefined) => value ?? null;
    const loss = smoothSeries(metrics.map((point) => point.loss), smoothing);
    const gradNorm = smoothSeries(metrics.map((point) => point.gradNorm), smoothing);
    return pickRenderedIndexes(metrics, MAX_RENDERED_ROWS).map((i) => {
      const point = metrics[i]!;
      return {
        step: point.step,
        loss: scale(loss[i]),
        lossRaw: smoothing > 0 ? scale(point.loss) : null,
        evalLoss: scale(point.evalLoss),
        // Percent on a linear axis whatever the loss charts' scale: accuracy is bounded.
        evalAccuracy: isFiniteNumber(point.evalAccuracy) ? point.evalAccuracy * 100 : null,
        evalMacroF1: isFiniteNumber(point.evalMacroF1) ? point.evalMacroF1 * 100 : null,
        gradNorm: scale(gradNorm[i]),
        learningRate: scale(point.learningRate),
      };
    });
  }, [metrics, smoothing, isLogScale]);
  const hasAccuracy = metrics.some((point) => isFiniteNumber(point.evalAccuracy));

  return (
    <section aria-labelledby="charts-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="charts-heading" className="text-base font-semibold text-slate-900">
          Training curves
        </h2>
        <ChartControls smoothing={smoothing} onSmoothingChange={setSmoothing} isLogScale={isLogScale} onLogScaleChange={setIsLogScale} />
      </div>
      <div className="grid gap-3 lg:grid-cols-3">
        <div className={hasAccuracy ? "lg:col-span-2" : "lg:col-span-3"}>
          <MetricChart
            title="Loss"
            testId="chart-loss"
            rows={rows} pointCount={metrics.length}
            isLogScale={isLogScale}
            height={240}
            series={[
              ...(smoothing > 0 ? [{ key: "lossRaw", name: "train loss (raw)", color: "#c7d2fe" }] : []),
              { key: "loss", name: smoothing > 0 ? "train loss (smoothed)" : "train loss", color: "#4f46e5" },
              { key: "evalLoss", name: "eval loss", color: "#ea580c", isSparse: true },
            ]}
          />
        </div>
        {hasAccuracy && (
          <MetricChart
            title="Validation accuracy (%)"
            testId="chart-val-accuracy"
            rows={rows} pointCount={metrics.length}
            isLogScale={false}
            height={240}
            series={[
              { key: "evalAccuracy", name: "accuracy", color: "#059669", isSparse: true },
              { key: "evalMacroF1", name: "macro-F1", color: "#a855f7", isSparse: true },
            ]}
          />
        )}
        <MetricChart title="Gradient norm" testId="chart-grad-norm" rows={rows} pointCount={metrics.length} isLogScale={isLogScale} height={170} series={[{ key: "gradNorm", name: "grad norm", color: "#0891b2" }]} />
        <MetricChart title="Learning rate" testId="chart-learning-rate" rows={rows} pointCount={metrics.length} isLogScale={isLogScale} height={170} series={[{ key: "learningRate", name: "learning rate", color: "#16a34a" }]} />
        <EpochSummary metrics={metrics} />
      </div>
    </section>
  );
}

/** The latest numbers at a glance, next to the small charts. */
function EpochSummary({ metrics }: { metrics: JobMetricPoint[] }) {
  const last = metrics.at(-1);
  const lastEval = [...metrics].reverse().find((point) => point.evalLoss !== null && point.evalLoss !== undefined);
  const lastAccuracy = [...metrics].reverse().find((point) => isFiniteNumber(point.evalAccuracy));
  const bestEval = metrics.reduce<number | null>(
    (best, point) => (typeof point.evalLoss === "number" && (best === null || point.evalLoss < best) ? point.evalLoss : best),
    null,
  );
  const items: [string, string][] = [
    ["Step", last ? String(last.step) : "—"],
    ["Epoch", typeof last?.epoch === "number" ? last.epoch.toFixed(2) : "—"],
    ["Train loss", typeof last?.loss === "number" ? last.loss.toFixed(4) : "—"],
    ["Eval loss", typeof lastEval?.evalLoss === "number" ? `${lastEval.evalLoss.toFixed(4)} @ ${lastEval.step}` : "—"],
    ["Best eval loss", bestEval !== null ? bestEval.toFixed(4) : "—"],
    ...(typeof lastAccuracy?.evalAccuracy === "number"
      ? ([["Val accuracy", `${(lastAccuracy.evalAccuracy * 100).toFixed(1)}% @ ${lastAccuracy.step}`]] as [string, string][])
      : []),
  ];
  return (
    <dl className="grid grid-cols-2 content-start gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="latest-metrics">
      {items.map(([term, value]) => (
        <div key={term}>
          <dt className="text-xs text-slate-500">{term}</dt>
          <dd className="font-medium tabular-nums text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
