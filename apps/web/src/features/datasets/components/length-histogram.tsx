"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LengthHistogramBin } from "@loraboard/contracts";
import { classColor } from "../lib/class-colors";
import { formatCount } from "./format";

const binLabel = (bin: LengthHistogramBin) => (bin.isOverflow ? `${bin.start}+` : `${bin.start}–${bin.end - 1}`);

/** Sentence lengths in characters, stacked by class, so a length bias between classes shows. */
export function LengthHistogram({ bins, labels }: { bins: LengthHistogramBin[]; labels: string[] }) {
  // Keys are prefixed: a label such as "range" or "0" must not collide with the row's own fields.
  const key = (index: number) => `c${index}`;
  const data = bins.map((bin) => ({
    range: binLabel(bin),
    total: bin.count,
    ...Object.fromEntries(labels.map((label, i) => [key(i), bin.labelCounts[label] ?? 0])),
  }));
  const nameOf = (dataKey: unknown) => `label ${labels[Number(String(dataKey).slice(1))] ?? ""}`;
  return (
    <figure>
      <div className="h-56" data-testid="length-histogram">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="range" tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" minTickGap={8} />
            <YAxis tick={{ fontSize: 11, fill: "#475569" }} width={44} allowDecimals={false} />
            <Tooltip formatter={(value, dataKey) => [formatCount(Number(value)), nameOf(dataKey)]} labelFormatter={(label) => `${label} characters`} />
            {labels.length <= 12 && <Legend formatter={(dataKey) => nameOf(dataKey)} wrapperStyle={{ fontSize: 12 }} />}
            {labels.map((label, i) => (
              <Bar key={label} dataKey={key(i)} stackId="labels" fill={classColor(i, labels.length)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        Sentence length histogram: {data.map((bin) => `${bin.range} characters: ${bin.total}`).join("; ")}
      </figcaption>
    </figure>
  );
}
