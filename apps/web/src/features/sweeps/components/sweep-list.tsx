"use client";

import Link from "next/link";
import type { Sweep } from "@loraboard/contracts";
import { CreatedBy } from "@/components/created-by";
import { EmptyState } from "@/components/empty-state";
import { loadingState } from "@/components/error-alert";
import { formatAge } from "@/lib/format";
import { useSweepList } from "../hooks/use-sweeps";
import { METRIC_LABEL, SweepStatusBadge } from "./sweep-status";

export function SweepList() {
  const { data, error, isPending, hasNextPage, fetchNextPage, isFetchingNextPage } = useSweepList();
  const sweeps = data?.pages.flatMap((page) => page.items) ?? [];
  const notLoaded = loadingState({ error, isPending }, "sweeps");
  if (notLoaded) return notLoaded;
  if (sweeps.length === 0) {
    return (
      <EmptyState title="No sweeps yet" action={{ href: "/jobs/new?mode=sweep", label: "New sweep" }}>
        A sweep trains one job per combination of a few hyperparameters (learning rate, rank, target modules, epochs) and ranks them
        live by validation accuracy or eval loss; you promote the winner.
      </EmptyState>
    );
  }
  const runningCount = sweeps.filter((sweep) => sweep.status === "running").length;
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-500" aria-live="polite">
        {runningCount > 0 ? `${runningCount} running · updating live` : ""}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Sweeps, newest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Jobs</th>
              <th scope="col" className="px-3 py-2">Ranked by</th>
              <th scope="col" className="px-3 py-2">Dataset</th>
              <th scope="col" className="px-3 py-2">Created</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sweeps.map((sweep) => (
              <SweepRow key={sweep.id} sweep={sweep} />
            ))}
          </tbody>
        </table>
      </div>
      {hasNextPage && (
        <button
          type="button"
          onClick={() => void fetchNextPage()}
          disabled={isFetchingNextPage}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
        >
          {isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}

function SweepRow({ sweep }: { sweep: Sweep }) {
  const done = (sweep.jobCounts.succeeded ?? 0) + (sweep.jobCounts.failed ?? 0) + (sweep.jobCounts.cancelled ?? 0);
  return (
    <tr className="hover:bg-slate-50" data-testid="sweep-row">
      <td className="max-w-64 px-3 py-2">
        <Link href={`/sweeps/${sweep.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
          {sweep.name}
        </Link>
        <span className="block truncate text-xs text-slate-500">
          {sweep.baseModelId} · {sweep.strategy}
        </span>
      </td>
      <td className="px-3 py-2">
        <SweepStatusBadge status={sweep.status} />
      </td>
      <td className="px-3 py-2 tabular-nums text-slate-700">
        {done} / {sweep.jobCount} done
      </td>
      <td className="px-3 py-2 text-slate-700">{METRIC_LABEL[sweep.metric]}</td>
      <td className="max-w-48 truncate px-3 py-2 text-slate-700">{sweep.datasetName ?? sweep.datasetId}</td>
      <td className="whitespace-nowrap px-3 py-2 text-slate-600" title={new Date(sweep.createdAt).toLocaleString()}>
        {formatAge(sweep.createdAt)}
        <CreatedBy creator={sweep.createdBy} />
      </td>
    </tr>
  );
}
