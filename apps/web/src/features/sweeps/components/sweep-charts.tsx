"use client";
// The sweep's validation curves overlaid (one line per job, the sweep's metric by step), and a
// scatter of each job's score against one hyperparameter it varied.
import { useMemo, useState } from "react";
import { CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { SweepDetail } from "@loraboard/contracts";
import { formatNumber } from "@/lib/format";
import { colorOf, describeTried } from "./sweep-ranking";
import { METRIC_LABEL, formatScore } from "./sweep-status";

type Axis = "learningRate" | "loraR" | "epochs" | "targetModules";
const AXIS_LABEL: Record<Axis, string> = { learningRate: "Learning rate", loraR: "LoRA rank", epochs: "Epochs", targetModules: "Target modules (count)" };

export function SweepCharts({ sweep, colorIndex }: { sweep: SweepDetail; colorIndex: Map<string, number> }) {
  const field = sweep.metric === "valAccuracy" ? "evalAccuracy" : "evalLoss";
  const pointCount = sweep.jobs.reduce((sum, entry) => sum + entry.curve.filter((point) => point[field] !== null).length, 0);
  const rows = useMemo(() => {
    const byStep = new Map<number, Record<string, number | null>>();
    for (const entry of sweep.jobs) {
      for (const point of entry.curve) {
        const value = point[field];
        if (value === null) continue;
        const row = byStep.get(point.step) ?? { step: point.step };
        row[entry.job.id] = field === "evalAccuracy" ? value * 100 : value;
        byStep.set(point.step, row);
      }
    }
    return [...byStep.values()].sort((a, b) => a.step! - b.step!);
  }, [sweep, field]);

  const axes = (Object.keys(AXIS_LABEL) as Axis[]).filter((axis) => sweep.space[axis] !== undefined);
  const [axis, setAxis] = useState<Axis | null>(null);
  const chosenAxis = axis && axes.includes(axis) ? axis : (axes[0] ?? null);
  const scatter = sweep.jobs.flatMap((entry) => {
    if (entry.score === null || !chosenAxis) return [];
    const value = entry.overrides[chosenAxis];
    const x = Array.isArray(value) ? value.length : value;
    if (x === undefined) return [];
    const y = sweep.metric === "valAccuracy" ? entry.score * 100 : entry.score;
    return [{ x, y, name: describeTried(entry), color: colorOf(colorIndex.get(entry.job.id) ?? 0) }];
  });
  const yLabel = sweep.metric === "valAccuracy" ? "Val accuracy (%)" : "Eval loss";

  return (
    <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
      <figure className="rounded-lg border border-slate-200 bg-white p-3" data-testid="sweep-curves" data-points={pointCount}>
        <figcaption className="mb-1 flex items-baseline justify-between text-sm font-medium text-slate-800">
          <span>Validation curves: {METRIC_LABEL[sweep.metric]}</span>
          <span className="text-xs font-normal text-slate-500">{pointCount > 0 ? `${pointCount} eval points` : "no evaluations yet"}</span>
        </figcaption>
        <div style={{ height: 300 }} role="img" aria-label={`${METRIC_LABEL[sweep.metric]} by step for ${sweep.jobs.length} jobs, ${pointCount} points`}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows} margin={{ top: 5, right: 12, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
              <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} tick={{ fontSize: 11 }} allowDecimals={false} />
              <YAxis domain={["auto", "auto"]} tick={{ fontSize: 11 }} width={52} tickFormatter={(value: number) => formatNumber(value)} />
              <Tooltip formatter={(value) => formatNumber(Number(value))} labelFormatter={(step) => `step ${step}`} contentStyle={{ fontSize: 12 }} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {sweep.jobs.map((entry) => (
                <Line
                  key={entry.job.id}
                  dataKey={entry.job.id}
                  name={describeTried(entry) || entry.job.name}
                  stroke={colorOf(colorIndex.get(entry.job.id) ?? 0)}
                  strokeWidth={sweep.bestJobId === entry.job.id ? 3 : 1.5}
                  dot={{ r: 2.5 }}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure className="rounded-lg border border-slate-200 bg-white p-3" data-testid="sweep-scatter" data-points={scatter.length}>
        <figcaption className="mb-1 flex flex-wrap items-center justify-between gap-2 text-sm font-medium text-slate-800">
          <span>{yLabel} by hyperparameter</span>
          {axes.length > 0 && (
            <label className="flex items-center gap-1.5 text-xs font-normal text-slate-600">
              Against
              <select
                value={chosenAxis ?? ""}
                onChange={(event) => setAxis(event.target.value as Axis)}
                className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs"
              >
                {axes.map((option) => (
                  <option key={option} value={option}>
                    {AXIS_LABEL[option]}
                  </option>
                ))}
              </select>
            </label>
          )}
        </figcaption>
        <div style={{ height: 300 }} role="img" aria-label={`${yLabel} of ${scatter.length} jobs against ${chosenAxis ? AXIS_LABEL[chosenAxis] : "nothing"}`}>
          {scatter.length === 0 ? (
            <p className="flex h-full items-center justify-center text-sm text-slate-500">Points appear as the jobs evaluate.</p>
          ) : (
            <ResponsiveContainer width="100%" height="100%">
              <ScatterChart margin={{ top: 5, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
                <XAxis
                  dataKey="x"
                  type="number"
                  name={chosenAxis ? AXIS_LABEL[chosenAxis] : ""}
                  scale={chosenAxis === "learningRate" ? "log" : "auto"}
                  domain={["auto", "auto"]}
                  tick={{ fontSize: 11 }}
                  tickFormatter={(value: number) => formatNumber(value)}
                />
                <YAxis dataKey="y" type="number" name={yLabel} domain={["auto", "auto"]} tick={{ fontSize: 11 }} width={52} tickFormatter={(value: number) => formatNumber(value)} />
                <Tooltip
                  contentStyle={{ fontSize: 12 }}
                  formatter={(value, name) => [name === yLabel ? formatScore(sweep.metric, sweep.metric === "valAccuracy" ? Number(value) / 100 : Number(value)) : formatNumber(Number(value)), name]}
                />
                <Scatter data={scatter} isAnimationActive={false} shape="circle">
                  {scatter.map((point, index) => (
                    <Cell key={index} fill={point.color} />
                  ))}
                </Scatter>
              </ScatterChart>
            </ResponsiveContainer>
          )}
        </div>
      </figure>
    </div>
  );
}
