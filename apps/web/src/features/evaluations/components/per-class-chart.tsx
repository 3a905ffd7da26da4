"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { EvaluationMetricsBody } from "@loraboard/contracts";
import { formatCount, labelName, type LabelWords } from "../lib/format";

/** Past this many classes the bars are too thin to read: the table alone shows the numbers. */
const MAX_CHARTED_CLASSES = 10;

const SERIES = [
  { key: "precision", name: "Precision", color: "#6366f1" },
  { key: "recall", name: "Recall", color: "#0ea5e9" },
  { key: "f1", name: "F1", color: "#10b981" },
] as const;

/**
 * Precision, recall and F1 of each class as grouped bars, with the numbers in a table under them.
 * `labels` gives the class order (the confusion matrix's rows): stored JSON keeps no key order.
 */
export function PerClassChart({ perClass, labels, labelWords }: { perClass: EvaluationMetricsBody["perClass"]; labels: string[]; labelWords: LabelWords }) {
  const data = labels.map((label) => ({
    name: labelName(label, labelWords),
    label,
    ...(perClass[label] ?? { precision: 0, recall: 0, f1: 0, support: 0 }),
  }));
  const isCharted = data.length <= MAX_CHARTED_CLASSES;
  return (
    <section aria-labelledby="per-class-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="per-class-heading" className="text-sm font-semibold text-slate-900">
        Per class
      </h2>
      <p className="mt-0.5 text-xs text-slate-500">Invalid answers lower recall (a missed row) but not precision.</p>
      {isCharted && (
      <div className="mt-2 h-52" data-testid="per-class-chart" role="img" aria-label="Precision, recall and F1 per class; the numbers are in the table below">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} barCategoryGap="25%">
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="name" tick={{ fontSize: 11, fill: "#475569" }} />
            <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tick={{ fontSize: 11, fill: "#475569" }} width={40} tickFormatter={(value: number) => value.toFixed(2)} />
            <Tooltip formatter={(value) => Number(value).toFixed(3)} cursor={{ fill: "#f1f5f9" }} />
            <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
            {SERIES.map((series) => (
              <Bar key={series.key} dataKey={series.key} name={series.name} fill={series.color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      )}
      <div className="max-h-[32rem] overflow-y-auto">
      <table className="mt-2 w-full text-sm" data-testid="per-class-table">
        <caption className="sr-only">Precision, recall, F1 and support per class</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 text-left font-medium">Class</th>
            {SERIES.map((series) => (
              <th key={series.key} scope="col" className="py-1 text-right font-medium">
                {series.name}
              </th>
            ))}
            <th scope="col" className="py-1 text-right font-medium">Support</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 tabular-nums">
          {data.map((row) => (
            <tr key={row.label}>
              <th scope="row" className="max-w-48 truncate py-1 text-left font-normal text-slate-700" title={row.name}>
                {row.name}
              </th>
              <td className="py-1 text-right">{row.precision.toFixed(3)}</td>
              <td className="py-1 text-right">{row.recall.toFixed(3)}</td>
              <td className="py-1 text-right">{row.f1.toFixed(3)}</td>
              <td className="py-1 text-right text-slate-600">{formatCount(row.support)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}
