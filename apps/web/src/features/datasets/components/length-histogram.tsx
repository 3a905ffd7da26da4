"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LengthHistogramBin } from "@loraboard/contracts";
import { formatCount } from "./format";

const binLabel = (bin: LengthHistogramBin) => (bin.isOverflow ? `${bin.start}+` : `${bin.start}–${bin.end - 1}`);

/** Sentence lengths in characters, stacked by label, so a length bias between classes shows. */
export function LengthHistogram({ bins }: { bins: LengthHistogramBin[] }) {
  const data = bins.map((bin) => ({ range: binLabel(bin), negative: bin.labelCounts["0"], positive: bin.labelCounts["1"] }));
  return (
    <figure>
      <div className="h-56" data-testid="length-histogram">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="range" tick={{ fontSize: 11, fill: "#475569" }} interval="preserveStartEnd" minTickGap={8} />
            <YAxis tick={{ fontSize: 11, fill: "#475569" }} width={44} allowDecimals={false} />
            <Tooltip
              formatter={(value, key) => [formatCount(Number(value)), key === "negative" ? "label 0" : "label 1"]}
              labelFormatter={(label) => `${label} characters`}
            />
            <Legend formatter={(key) => (key === "negative" ? "label 0" : "label 1")} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="negative" stackId="labels" fill="#fb7185" isAnimationActive={false} />
            <Bar dataKey="positive" stackId="labels" fill="#10b981" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        Sentence length histogram: {data.map((bin) => `${bin.range} characters: ${bin.negative + bin.positive}`).join("; ")}
      </figcaption>
    </figure>
  );
}
