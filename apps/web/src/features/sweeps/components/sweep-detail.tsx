"use client";
// One sweep: its state and actions, the jobs ranked live by its metric, their validation curves
// overlaid and a scatter of score against a hyperparameter. Promote loads a job's adapter and
// evaluates it, as training does for a job outside a sweep.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { SweepDetail as Sweep } from "@loraboard/contracts";
import { DetailTitle } from "@/components/detail-title";
import { ErrorAlert } from "@/components/error-alert";
import { EmptyState } from "@/components/empty-state";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useCancelSweep, useDeleteSweep, usePromoteSweepJob, useSweep } from "../hooks/use-sweeps";
import { SweepCharts } from "./sweep-charts";
import { SweepRanking } from "./sweep-ranking";
import { METRIC_LABEL, SweepStatusBadge } from "./sweep-status";

export function SweepDetail({ sweepId }: { sweepId: string }) {
  const { data: sweep, error, isPending } = useSweep(sweepId);
  const promote = usePromoteSweepJob(sweepId);
  const [promotingJobId, setPromotingJobId] = useState<string | null>(null);
  // Colors follow creation order, so a job keeps its color as the ranking changes.
  const colorIndex = useMemo(() => {
    const ids = [...(sweep?.jobs ?? [])].sort((a, b) => a.job.createdAt.localeCompare(b.job.createdAt) || a.job.id.localeCompare(b.job.id));
    return new Map(ids.map((entry, index) => [entry.job.id, index]));
  }, [sweep]);

  if (isPending) return <p className="text-sm text-slate-500">Loading the sweep…</p>;
  if (error || !sweep) {
    return (
      <ErrorAlert>
        {error?.message ?? "The sweep could not be loaded."}{" "}
        <Link href="/sweeps" className="font-medium underline">
          Back to sweeps
        </Link>
      </ErrorAlert>
    );
  }

  const runPromote = (jobId: string) => {
    setPromotingJobId(jobId);
    promote.mutate(jobId, { onSettled: () => setPromotingJobId(null) });
  };

  return (
    <div className="space-y-6">
      <SweepHeader sweep={sweep} onPromoteBest={runPromote} isPromoting={promotingJobId !== null} />
      {promote.error && <ErrorAlert>The job could not be promoted: {promote.error.message}</ErrorAlert>}
      {promote.isSuccess && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="promote-result">
          Adapter <span className="font-mono">{promote.data.adapterName}</span> is loaded
          {promote.data.evaluationId ? (
            <>
              {" "}and its{" "}
              <Link href={`/evaluations/${promote.data.evaluationId}`} className="font-medium underline">
                evaluation on the test split
              </Link>{" "}
              is running.
            </>
          ) : (
            " (the dataset has no test split to evaluate it on)."
          )}
        </p>
      )}
      {sweep.jobs.length === 0 ? (
        <EmptyState title="This sweep has no jobs left">Its jobs were deleted one by one; delete the sweep, or start a new one.</EmptyState>
      ) : (
        <>
          <SweepRanking sweep={sweep} colorIndex={colorIndex} onPromote={runPromote} promotingJobId={promotingJobId} />
          <SweepCharts sweep={sweep} colorIndex={colorIndex} />
        </>
      )}
    </div>
  );
}

function SweepHeader({ sweep, onPromoteBest, isPromoting }: { sweep: Sweep; onPromoteBest: (jobId: string) => void; isPromoting: boolean }) {
  const router = useRouter();
  const cancel = useCancelSweep(sweep.id);
  const remove = useDeleteSweep(sweep.id);
  const best = sweep.jobs.find((entry) => entry.job.id === sweep.bestJobId);
  const canPromoteBest = best && best.job.status === "succeeded" && best.job.adapterId && sweep.winnerJobId !== best.job.id;
  const done = (sweep.jobCounts.succeeded ?? 0) + (sweep.jobCounts.failed ?? 0) + (sweep.jobCounts.cancelled ?? 0);
  const actionError = cancel.error ?? remove.error;
  return (
    <section aria-labelledby="sweep-title" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <DetailTitle parentHref="/sweeps" parentLabel="Sweeps" id={sweep.id} titleId="sweep-title">
            {sweep.name}
          </DetailTitle>
          <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600" role="status">
            <SweepStatusBadge status={sweep.status} />
            <span>
              {done} of {sweep.jobCount} jobs done
            </span>
            <span>
              {sweep.strategy === "grid" ? "grid" : `random (${sweep.samples} samples, seed ${sweep.seed})`} · ranked by {METRIC_LABEL[sweep.metric]}
            </span>
            <span>
              {sweep.baseModelId} on{" "}
              <Link href={`/datasets/${sweep.datasetId}`} className="text-indigo-700 hover:underline">
                {sweep.datasetName ?? sweep.datasetId}
              </Link>
            </span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canPromoteBest && (
            <button type="button" className={PRIMARY_BUTTON} disabled={isPromoting} onClick={() => onPromoteBest(best.job.id)}>
              {isPromoting ? "Promoting…" : "Promote the best"}
            </button>
          )}
          {sweep.status === "running" && (
            <button
              type="button"
              onClick={() => cancel.mutate()}
              disabled={cancel.isPending}
              className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
            >
              {cancel.isPending ? "Cancelling…" : "Cancel sweep"}
            </button>
          )}
          {sweep.status !== "running" && (
            <button
              type="button"
              onClick={() => {
                if (window.confirm(`Delete the sweep "${sweep.name}", its ${sweep.jobCount} jobs and their adapters?`)) {
                  remove.mutate(undefined, { onSuccess: () => router.push("/sweeps") });
                }
              }}
              disabled={remove.isPending}
              className="rounded-md border border-red-200 bg-white px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-50"
            >
              {remove.isPending ? "Deleting…" : "Delete"}
            </button>
          )}
        </div>
      </div>
      {actionError && <p role="alert" className="mt-3 text-sm text-red-700">{actionError.message}</p>}
    </section>
  );
}
