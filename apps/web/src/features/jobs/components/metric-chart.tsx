"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "@/lib/format";

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
  /** Sparse series (eval loss) are drawn with dots and joined across gaps. */
  isSparse?: boolean;
}

/** A line chart over steps; `rows` are {step, [series.key]: number | null}. */
export function MetricChart(props: {
  title: string;
  rows: Record<string, number | null>[];
  series: ChartSeries[];
  isLogScale: boolean;
  height?: number;
  testId?: string;
  /** Points in the run when `rows` is thinned for drawing. */
  pointCount?: number;
}) {
  const pointCount = props.pointCount ?? props.rows.length;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3" data-testid={props.testId} data-points={pointCount}>
      <figcaption className="mb-1 flex items-baseline justify-between text-sm font-medium text-slate-800">
        <span>{props.title}</span>
        <span className="text-xs font-normal text-slate-500">{pointCount > 0 ? `${pointCount.toLocaleString("en-US")} steps` : "no points yet"}</span>
      </figcaption>
      <div style={{ height: props.height ?? 220 }} role="img" aria-label={`${props.title} by step, ${pointCount} points`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={props.rows} margin={{ top: 5, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
            <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} tick={{ fontSize: 11 }} allowDecimals={false} />
            <YAxis
              scale={props.isLogScale ? "log" : "linear"}
              domain={["auto", "auto"]}
              allowDataOverflow={false}
              tick={{ fontSize: 11 }}
              width={52}
              tickFormatter={(value: number) => formatNumber(value)}
            />
            <Tooltip
              formatter={(value) => formatNumber(typeof value === "number" ? value : Number(value))}
              labelFormatter={(step) => `step ${step}`}
              contentStyle={{ fontSize: 12 }}
            />
            {props.series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
            {props.series.map((series) => (
              <Line
                key={series.key}
                dataKey={series.key}
                name={series.name}
                stroke={series.color}
                strokeWidth={series.isSparse ? 2 : 1.5}
                dot={series.isSparse ? { r: 2.5 } : false}
                connectNulls
                isAnimationActive={false}
                type="linear"
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
