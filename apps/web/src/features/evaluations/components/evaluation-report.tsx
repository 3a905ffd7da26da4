"use client";

import Link from "next/link";
import type { Evaluation } from "@loraboard/contracts";
import { formatDuration } from "@/lib/format";
import { ErrorAlert } from "@/components/error-alert";
import { useAdapters } from "@/hooks/use-catalog";
import { isActiveEvaluation, useEvaluation, useRetryEvaluation } from "../hooks/use-evaluations";
import { formatCount, reportLabelWords, SPLIT_NAMES } from "../lib/format";
import { BaselineLift } from "./baseline-lift";
import { ComparisonTable } from "./comparison-table";
import { ConfusionMatrix } from "./confusion-matrix";
import { ErrorBrowser } from "./error-browser";
import { EvaluationProgress, EvaluationStatusBadge } from "./evaluation-status";
import { HeadlineMetrics } from "./headline-metrics";
import { PerClassChart } from "./per-class-chart";
import { DetailTitle } from "@/components/detail-title";

/** The accuracy report of one evaluation; polls while it is queued or running. */
export function EvaluationReport({ evaluationId }: { evaluationId: string }) {
  const { data: evaluation, error, isPending } = useEvaluation(evaluationId);
  const adapters = useAdapters();

  if (isPending) return <p className="text-sm text-slate-500">Loading the evaluation…</p>;
  if (error || !evaluation) {
    return (
      <ErrorAlert>
        {error?.message ?? "The evaluation could not be loaded."}{" "}
        <Link href="/evaluations" className="font-medium underline">
          Back to evaluations
        </Link>
      </ErrorAlert>
    );
  }

  // An adapter is asked with its job's label words; base models with the dataset's defaults.
  const adapter = adapters.data?.items.find((item) => item.id === evaluation.adapterId);
  const classes = evaluation.metrics?.confusion.labels.slice(0, -1) ?? [];
  const labelWords = reportLabelWords(classes, adapter?.labelWords);
  const hasPredictions = evaluation.completed > 0 || evaluation.status === "succeeded";

  return (
    <div className="space-y-6">
      <ReportHeader evaluation={evaluation} jobId={evaluation.jobId ?? adapter?.jobId ?? null} />
      <BaselineLift evaluation={evaluation} />
      {evaluation.metrics && (
        <>
          <HeadlineMetrics evaluation={evaluation} metrics={evaluation.metrics} />
          <div className="grid gap-4 lg:grid-cols-2">
            <ConfusionMatrix confusion={evaluation.metrics.confusion} labelWords={labelWords} />
            <PerClassChart perClass={evaluation.metrics.perClass} labels={classes} labelWords={labelWords} />
          </div>
        </>
      )}
      {!evaluation.metrics && evaluation.status === "succeeded" && (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">This evaluation finished without metrics.</p>
      )}
      <ComparisonTable evaluation={evaluation} />
      {hasPredictions && <ErrorBrowser evaluation={evaluation} labelWords={labelWords} />}
    </div>
  );
}

function ReportHeader({ evaluation, jobId }: { evaluation: Evaluation; jobId: string | null }) {
  const isActive = isActiveEvaluation(evaluation.status);
  const retry = useRetryEvaluation();
  const canRetry = evaluation.status === "failed" || evaluation.status === "cancelled";
  const csvHref = `/api/evaluations/${encodeURIComponent(evaluation.id)}/predictions?filter=all&format=csv`;
  return (
    <section aria-labelledby="evaluation-title" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <DetailTitle parentHref="/evaluations" parentLabel="Evaluations" id={evaluation.id} titleId="evaluation-title">
            {evaluation.model}
          </DetailTitle>
          <p className="mt-1 text-sm text-slate-600">
            {evaluation.adapterId ? "Adapter" : "Base model"} ·{" "}
            {evaluation.fewShot > 0 ? `${evaluation.fewShot}-shot (examples from the train split)` : "zero-shot"} · on{" "}
            <Link href={`/datasets/${evaluation.datasetId}`} className="font-medium text-indigo-700 hover:underline">
              {evaluation.datasetName ?? evaluation.datasetId}
            </Link>
            , {SPLIT_NAMES[evaluation.split].toLowerCase()} split · {formatCount(evaluation.total)} rows
            {jobId && (
              <>
                {" · "}
                <Link href={`/jobs/${jobId}`} className="font-medium text-indigo-700 hover:underline">
                  training job
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canRetry && (
            <button
              type="button"
              disabled={retry.isPending}
              onClick={() => retry.mutate(evaluation.id)}
              title="Asks only the rows not answered yet; the answered ones are kept"
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
            >
              {retry.isPending ? "Retrying…" : "Retry"}
            </button>
          )}
          {evaluation.completed > 0 && (
            <a
              href={csvHref}
              download
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
            >
              Download CSV
            </a>
          )}
          <Link
            href={`/evaluations/new?model=${encodeURIComponent(evaluation.model)}&datasetId=${encodeURIComponent(evaluation.datasetId)}&split=${evaluation.split}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            Run again
          </Link>
        </div>
      </div>

      <div className="mt-4 grid items-center gap-4 sm:grid-cols-[auto_1fr_auto]">
        <div role="status" aria-live="polite" aria-atomic="true" className="flex items-center gap-2 text-sm">
          <span className="sr-only">Status:</span>
          <EvaluationStatusBadge status={evaluation.status} />
          {isActive && <span className="text-xs text-slate-500">updating live</span>}
        </div>
        <EvaluationProgress evaluation={evaluation} label="Evaluation progress" />
        <dl className="flex gap-5 text-sm">
          <div>
            <dt className="text-xs text-slate-500">{isActive ? "Running for" : "Took"}</dt>
            <dd className="font-medium tabular-nums">{formatElapsed(evaluation)}</dd>
          </div>
        </dl>
      </div>

      {retry.error && (
        <div className="mt-4">
          <ErrorAlert>{retry.error.message}</ErrorAlert>
        </div>
      )}
      {evaluation.status === "queued" && (
        <p className="mt-4 text-sm text-slate-600">Waiting for a worker; the report fills in as the rows are answered.</p>
      )}
      {evaluation.status === "failed" && (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="evaluation-error">
          <p className="font-semibold">Evaluation failed{evaluation.error ? `: ${evaluation.error.code}` : ""}</p>
          <p className="mt-0.5 whitespace-pre-wrap break-words font-mono text-xs">
            {evaluation.error?.message ?? "The worker gave no reason."}
          </p>
          {evaluation.completed > 0 && (
            <p className="mt-1 text-xs">
              {formatCount(evaluation.completed)} of {formatCount(evaluation.total)} rows were answered before it stopped; they are listed below.
            </p>
          )}
        </div>
      )}
      {evaluation.status === "cancelled" && (
        <p className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">This evaluation was cancelled.</p>
      )}
    </section>
  );
}

function formatElapsed(evaluation: Evaluation): string {
  if (!evaluation.startedAt) return "—";
  const end = evaluation.finishedAt ? new Date(evaluation.finishedAt).getTime() : Date.now();
  return formatDuration((end - new Date(evaluation.startedAt).getTime()) / 1000);
}
