"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { Job } from "@loraboard/contracts";
import { ErrorAlert } from "@/components/error-alert";
import { formatBytes, formatDuration, formatNumber } from "@/lib/format";
import { NUMERIC_HYPERPARAMETERS, metricLabel } from "../lib/job-form";
import { isActiveStatus, useJob, useJobAction } from "../hooks/use-jobs";
import { useJobLive, type StreamState } from "../hooks/use-job-live";
import { AdapterQuality } from "./adapter-quality";
import { StatusProgressBar, StatusBadge } from "@/components/status-badge";
import { LogConsole } from "./log-console";
import { TrainingCharts } from "./training-charts";
import { DetailTitle } from "@/components/detail-title";

export function JobDetail({ jobId }: { jobId: string }) {
  const { data: job, error, isPending } = useJob(jobId, { isLive: true });
  const isActive = job ? isActiveStatus(job.status) : false;
  const live = useJobLive(jobId, isActive);

  if (isPending) return <p className="text-sm text-slate-500">Loading the job…</p>;
  if (error || !job) {
    return (
      <ErrorAlert>
        {error?.message ?? "The job could not be loaded."}{" "}
        <Link href="/jobs" className="font-medium underline">
          Back to jobs
        </Link>
      </ErrorAlert>
    );
  }

  return (
    <div className="space-y-6">
      <JobHeader job={job} streamState={live.streamState} />
      {live.loadError && (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The run&apos;s history could not be loaded: {live.loadError}
        </p>
      )}
      <AdapterQuality job={job} metrics={live.metrics} />
      <TrainingCharts metrics={live.metrics} />
      <div className="grid gap-4 lg:grid-cols-[3fr_2fr]">
        <LogConsole lines={live.logs} isLoaded={live.isLoaded} />
        <JobSettings job={job} />
      </div>
    </div>
  );
}

const STREAM_LABEL: Record<StreamState, string> = {
  idle: "",
  connecting: "connecting…",
  live: "live",
  reconnecting: "reconnecting…",
  ended: "",
};

function JobHeader({ job, streamState }: { job: Job; streamState: StreamState }) {
  const router = useRouter();
  const cancel = useJobAction("cancel");
  const retry = useJobAction("retry");
  const [isConfirmingCancel, setIsConfirmingCancel] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Keyboard users land back on "Cancel job" when they close the confirmation.
  useEffect(() => {
    if (wasConfirming.current && !isConfirmingCancel) cancelButton.current?.focus();
    wasConfirming.current = isConfirmingCancel;
  }, [isConfirmingCancel]);
  const isActive = isActiveStatus(job.status);
  const canCancel = job.status === "queued" || job.status === "running";
  const canRetry = job.status === "failed" || job.status === "cancelled";
  const actionError = cancel.error ?? retry.error;

  return (
    <section aria-labelledby="job-title" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <DetailTitle parentHref="/jobs" parentLabel="Jobs" id={job.id} titleId="job-title">
            {job.name}
          </DetailTitle>
          <p className="mt-1 text-sm text-slate-600">
            <Link href={`/datasets/${encodeURIComponent(job.datasetId)}`} className="hover:underline">
              {job.datasetName ?? job.datasetId}
            </Link>{" "}
            · {job.baseModelId}
            {job.attempts > 1 ? ` · attempt ${job.attempts}` : ""}
            {job.sweepId && (
              <>
                {" · part of a "}
                <Link href={`/sweeps/${encodeURIComponent(job.sweepId)}`} className="text-indigo-700 hover:underline">
                  sweep
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canCancel && !isConfirmingCancel && (
            <button ref={cancelButton} type="button" onClick={() => setIsConfirmingCancel(true)} className={SECONDARY_BUTTON}>
              Cancel job
            </button>
          )}
          {canCancel && isConfirmingCancel && (
            <div role="group" aria-label="Confirm cancel" className="flex items-center gap-2 rounded-md bg-red-50 px-2 py-1">
              <span className="text-sm text-red-900">Stop this training?</span>
              <button
                type="button"
                autoFocus
                disabled={cancel.isPending}
                onClick={() => cancel.mutate(job.id, { onSettled: () => setIsConfirmingCancel(false) })}
                className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-red-500 disabled:opacity-50"
              >
                {cancel.isPending ? "Cancelling…" : "Yes, cancel"}
              </button>
              <button type="button" onClick={() => setIsConfirmingCancel(false)} className={SECONDARY_BUTTON}>
                Keep running
              </button>
            </div>
          )}
          {canRetry && (
            <button
              type="button"
              disabled={retry.isPending}
              onClick={() => retry.mutate(job.id, { onSuccess: (created) => router.push(`/jobs/${created.id}`) })}
              className={SECONDARY_BUTTON}
            >
              {retry.isPending ? "Retrying…" : "Retry"}
            </button>
          )}
          <Link href={`/jobs/new?from=${encodeURIComponent(job.id)}`} className={SECONDARY_BUTTON}>
            Clone
          </Link>
          {job.adapterId && (
            <Link href={`/adapters?highlight=${encodeURIComponent(job.adapterId)}`} className={PRIMARY_BUTTON}>
              Adapter
            </Link>
          )}
          {job.evaluationId && (
            <Link href={`/evaluations/${encodeURIComponent(job.evaluationId)}`} className={PRIMARY_BUTTON}>
              Evaluation
            </Link>
          )}
        </div>
      </div>

      <div className="mt-4 grid items-center gap-4 sm:grid-cols-[auto_1fr_auto]">
        <div role="status" aria-live="polite" aria-atomic="true" className="flex items-center gap-2 text-sm">
          <span className="sr-only">Status:</span>
          <StatusBadge status={job.status} />
          {STREAM_LABEL[streamState] && isActive && <span className="text-xs text-slate-500">{STREAM_LABEL[streamState]}</span>}
        </div>
        <StatusProgressBar progress={job.progress} status={job.status} label="Training progress" />
        <dl className="flex gap-5 text-sm">
          <div>
            <dt className="text-xs text-slate-500">Step</dt>
            <dd className="tabular-nums font-medium" data-testid="job-steps">
              {job.currentStep} / {job.totalSteps ?? "?"}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{isActive ? "ETA" : "Took"}</dt>
            <dd className="tabular-nums font-medium">{isActive ? formatDuration(job.etaSeconds) : formatElapsed(job)}</dd>
          </div>
          {job.diskBytes !== undefined && (
            <div>
              <dt className="text-xs text-slate-500" title="Splits, checkpoints and the adapter under DATA_DIR">
                On disk
              </dt>
              <dd className="tabular-nums font-medium" data-testid="job-disk">
                {formatBytes(job.diskBytes)}
              </dd>
            </div>
          )}
        </dl>
      </div>

      {job.status === "failed" && job.error && (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p className="font-semibold">Failed: {job.error.code}</p>
          <p className="mt-0.5 whitespace-pre-wrap break-words font-mono text-xs">{job.error.message}</p>
        </div>
      )}
      {actionError && (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {actionError.message}
        </p>
      )}
    </section>
  );
}

function formatElapsed(job: Job): string {
  if (!job.startedAt || !job.finishedAt) return "—";
  return formatDuration((new Date(job.finishedAt).getTime() - new Date(job.startedAt).getTime()) / 1000);
}

function JobSettings({ job }: { job: Job }) {
  return (
    <section aria-labelledby="settings-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="settings-heading" className="text-sm font-medium text-slate-800">
        Settings
      </h2>
      <table className="w-full text-sm">
        <caption className="sr-only">Hyperparameters</caption>
        <tbody className="divide-y divide-slate-100">
          {NUMERIC_HYPERPARAMETERS.map(({ key, label }) => (
            <tr key={key}>
              <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-600">
                {label}
              </th>
              <td className="py-1 text-right font-mono tabular-nums text-slate-900">
                {key === "learningRate" ? formatNumber(job.hyperparameters[key]) : String(job.hyperparameters[key])}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-600">
              Target modules
            </th>
            <td className="py-1 text-right font-mono text-slate-900">{job.hyperparameters.targetModules.join(", ")}</td>
          </tr>
          <tr>
            <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-600">
              Adapted blocks
            </th>
            <td className="py-1 text-right text-slate-900">
              {job.hyperparameters.loraTopLayers === null ? "all" : `the last ${job.hyperparameters.loraTopLayers}`}
              {job.hyperparameters.torchCompile ? ", compiled" : ""}
            </td>
          </tr>
          <tr>
            <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-600">
              Best checkpoint by
            </th>
            <td className="py-1 text-right text-slate-900">{metricLabel(job.hyperparameters.metricForBestModel)}</td>
          </tr>
          <tr>
            <th scope="row" className="py-1 pr-3 text-left font-normal text-slate-600">
              Early stopping
            </th>
            <td className="py-1 text-right text-slate-900">
              {job.hyperparameters.earlyStoppingPatience === null ? "off" : `after ${job.hyperparameters.earlyStoppingPatience} evaluations without improvement`}
            </td>
          </tr>
        </tbody>
      </table>
      <div>
        <h3 className="text-xs font-medium text-slate-500">Prompt template</h3>
        <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-800">{job.promptTemplate}</pre>
      </div>
      <div>
        <h3 className="text-xs font-medium text-slate-500">Label words</h3>
        <p className="mt-1 text-sm text-slate-800">
          {/* Every class's word (N classes, text labels), not only 0 and 1. */}
          {Object.entries(job.labelWords).map(([label, word], index) => (
            <span key={label}>
              {index > 0 && " · "}
              {label} → <span className="font-medium">{word}</span>
            </span>
          ))}
        </p>
      </div>
    </section>
  );
}

const SECONDARY_BUTTON =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50";
const PRIMARY_BUTTON = "rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500";
