"use client";

import Link from "next/link";
import type { Evaluation } from "@loraboard/contracts";
import { EmptyState } from "@/components/empty-state";
import { formatAge } from "@/lib/format";
import { loadingState } from "@/components/error-alert";
import { isActiveEvaluation, useEvaluationList } from "../hooks/use-evaluations";
import { formatRatio, SPLIT_NAMES } from "../lib/format";
import { EvaluationProgress, EvaluationStatusBadge, ModelKindTag } from "./evaluation-status";
import { CreatedBy } from "@/components/created-by";

/** Every evaluation, newest first; polls while any is queued or running. `highlightId` comes from a job's link. */
export function EvaluationList({ highlightId }: { highlightId?: string }) {
  const { data, error, isPending } = useEvaluationList();
  const evaluations = data?.items ?? [];
  const activeCount = evaluations.filter((evaluation) => isActiveEvaluation(evaluation.status)).length;

  const notLoaded = loadingState({ error, isPending }, "evaluations");
  if (notLoaded) return notLoaded;
  if (evaluations.length === 0) {
    return (
      <EmptyState title="No evaluations yet" action={{ href: "/evaluations/new", label: "New evaluation" }}>
        Each successful job is evaluated on its dataset&apos;s test split by itself. You can also measure any base model
        (zero- or few-shot) or adapter on any split; reports show accuracy, per-class scores, the confusion matrix and
        every misclassified sentence.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <p className="h-4 text-xs text-slate-500" aria-live="polite">
        {activeCount > 0 ? `${activeCount} in progress · updating live` : ""}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Evaluations, newest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Model</th>
              <th scope="col" className="px-3 py-2">Dataset</th>
              <th scope="col" className="px-3 py-2">Split</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="w-48 px-3 py-2">Progress</th>
              <th scope="col" className="px-3 py-2 text-right">Accuracy</th>
              <th scope="col" className="px-3 py-2">Created</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {evaluations.map((evaluation) => (
              <EvaluationRow key={evaluation.id} evaluation={evaluation} isHighlighted={evaluation.id === highlightId} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function EvaluationRow({ evaluation, isHighlighted }: { evaluation: Evaluation; isHighlighted: boolean }) {
  return (
    <tr
      className={isHighlighted ? "bg-indigo-50 ring-2 ring-inset ring-indigo-300" : "hover:bg-slate-50"}
      aria-current={isHighlighted ? "true" : undefined}
      data-testid="evaluation-row"
    >
      <td className="max-w-72 px-3 py-2">
        <Link href={`/evaluations/${evaluation.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
          {evaluation.model}
        </Link>
        <ModelKindTag evaluation={evaluation} />
      </td>
      <td className="max-w-48 truncate px-3 py-2 text-slate-700">
        <Link href={`/datasets/${evaluation.datasetId}`} className="hover:underline">
          {evaluation.datasetName ?? evaluation.datasetId}
        </Link>
      </td>
      <td className="px-3 py-2 text-slate-700">{SPLIT_NAMES[evaluation.split]}</td>
      <td className="px-3 py-2">
        <EvaluationStatusBadge status={evaluation.status} />
        {evaluation.error && (
          <span className="mt-0.5 block max-w-40 truncate text-xs text-red-700" title={evaluation.error.message}>
            {evaluation.error.code}
          </span>
        )}
      </td>
      <td className="px-3 py-2">
        <EvaluationProgress evaluation={evaluation} label={`Progress of ${evaluation.model} on ${evaluation.datasetName ?? "the dataset"}`} />
      </td>
      <td className="px-3 py-2 text-right font-medium tabular-nums text-slate-900" title="Invalid answers count as wrong">
        {formatRatio(evaluation.metrics?.accuracy)}
      </td>
      <td className="whitespace-nowrap px-3 py-2 text-slate-600" title={new Date(evaluation.createdAt).toLocaleString()}>
        {formatAge(evaluation.createdAt)}
        <CreatedBy creator={evaluation.createdBy} />
      </td>
    </tr>
  );
}
