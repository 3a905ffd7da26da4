"use client";

import Link from "next/link";
import type { Evaluation } from "@loraboard/contracts";
import { formatAge } from "@/lib/format";
import { useEvaluationList } from "../hooks/use-evaluations";
import { formatCount, formatRatio, SPLIT_NAMES } from "../lib/format";
import { compareByAccuracy, formatPointDelta } from "../lib/report";
import { EvaluationStatusBadge, ModelKindTag } from "./evaluation-status";

/** Every evaluation of the same dataset split, base models and adapters side by side; the current one highlighted. */
export function ComparisonTable({ evaluation }: { evaluation: Evaluation }) {
  const { data, error, isPending } = useEvaluationList({ datasetId: evaluation.datasetId, split: evaluation.split });
  const items = [...(data?.items ?? [])].sort(compareByAccuracy);
  const reference = evaluation.metrics?.accuracy;

  return (
    <section aria-labelledby="comparison-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id="comparison-heading" className="text-sm font-semibold text-slate-900">
            Every evaluation on {evaluation.datasetName ?? "this dataset"} · {SPLIT_NAMES[evaluation.split]}
          </h2>
          <p className="text-xs text-slate-500">Base models and adapters on the same rows, best accuracy first.</p>
        </div>
        <Link
          href={`/evaluations/new?datasetId=${encodeURIComponent(evaluation.datasetId)}&split=${evaluation.split}`}
          className="text-sm font-medium text-indigo-700 hover:underline"
        >
          Evaluate another model
        </Link>
      </div>
      {error && (
        <p role="alert" className="px-4 py-3 text-sm text-red-800">
          The comparison could not be loaded: {error.message}
        </p>
      )}
      {isPending && <p className="px-4 py-3 text-sm text-slate-500">Loading the comparison…</p>}
      {data && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="comparison-table">
            <caption className="sr-only">Evaluations on the same dataset and split; the current one is marked</caption>
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">Model</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2 text-right">Accuracy</th>
                <th scope="col" className="px-3 py-2 text-right">vs this</th>
                <th scope="col" className="px-3 py-2 text-right">Valid-only</th>
                <th scope="col" className="px-3 py-2 text-right">Invalid</th>
                <th scope="col" className="px-3 py-2 text-right">Macro-F1</th>
                <th scope="col" className="px-3 py-2 text-right">Rows</th>
                <th scope="col" className="px-3 py-2">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 tabular-nums">
              {items.map((item) => {
                const isCurrent = item.id === evaluation.id;
                return (
                  <tr
                    key={item.id}
                    aria-current={isCurrent ? "true" : undefined}
                    className={isCurrent ? "bg-indigo-50 font-medium" : "hover:bg-slate-50"}
                    data-testid="comparison-row"
                  >
                    <td className="max-w-72 px-4 py-2">
                      <Link href={`/evaluations/${item.id}`} className="block truncate text-indigo-700 hover:underline">
                        {item.model}
                      </Link>
                      <ModelKindTag evaluation={item} />
                      {isCurrent && <span className="ml-2 rounded-full bg-indigo-600 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-white">this report</span>}
                      {item.id === evaluation.baseline?.id && (
                        <span className="ml-2 inline-block whitespace-nowrap rounded-full bg-emerald-600 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-white" data-testid="comparison-baseline">
                          this adapter&apos;s baseline
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2">
                      <EvaluationStatusBadge status={item.status} />
                    </td>
                    <td className="px-3 py-2 text-right text-slate-900">{formatRatio(item.metrics?.accuracy)}</td>
                    <td className="px-3 py-2 text-right text-slate-600">{isCurrent ? "—" : formatPointDelta(item.metrics?.accuracy, reference)}</td>
                    <td className="px-3 py-2 text-right text-slate-700">{formatRatio(item.metrics?.validAccuracy)}</td>
                    <td className="px-3 py-2 text-right text-slate-700">{formatRatio(item.metrics?.invalidRate)}</td>
                    <td className="px-3 py-2 text-right text-slate-700">{item.metrics ? item.metrics.macroF1.toFixed(3) : "—"}</td>
                    <td className="px-3 py-2 text-right text-slate-700">{formatCount(item.total)}</td>
                    <td className="whitespace-nowrap px-3 py-2 font-normal text-slate-600" title={new Date(item.createdAt).toLocaleString()}>
                      {formatAge(item.createdAt)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {items.length === 1 && (
            <p className="px-4 py-3 text-xs text-slate-500">
              Nothing to compare yet: evaluate the base model or another adapter on this split to see them side by side.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
