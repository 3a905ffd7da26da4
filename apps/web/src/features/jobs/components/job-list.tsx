"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { JobStatus, type Job } from "@loraboard/contracts";
import { EmptyState } from "@/components/empty-state";
import { loadingState } from "@/components/error-alert";
import { formatAge, formatDuration } from "@/lib/format";
import { isActiveStatus, useJobList } from "../hooks/use-jobs";
import { StatusProgressBar, StatusBadge } from "@/components/status-badge";
import { CreatedBy } from "@/components/created-by";

const MAX_COMPARED = 8;

export function JobList() {
  const router = useRouter();
  const [statusFilter, setStatusFilter] = useState<JobStatus | "">("");
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const { data, error, isPending, hasNextPage, fetchNextPage, isFetchingNextPage } = useJobList(statusFilter);
  const jobs = data?.pages.flatMap((page) => page.items) ?? [];
  const activeCount = jobs.filter((job) => isActiveStatus(job.status)).length;

  const toggle = (id: string) =>
    setSelectedIds((ids) => (ids.includes(id) ? ids.filter((other) => other !== id) : [...ids, id].slice(-MAX_COMPARED)));

  const notLoaded = loadingState({ error, isPending }, "jobs");
  if (notLoaded) return notLoaded;
  if (jobs.length === 0 && statusFilter === "") {
    return (
      <EmptyState title="No jobs yet" action={{ href: "/jobs/new", label: "New job" }}>
        A job fine-tunes a LoRA adapter on a dataset&apos;s train split; you watch its loss live here.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2">
          <label htmlFor="job-status-filter" className="text-sm font-medium text-slate-700">
            Status
          </label>
          <select
            id="job-status-filter"
            value={statusFilter}
            onChange={(event) => setStatusFilter(event.target.value as JobStatus | "")}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">All</option>
            {JobStatus.options.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
          <span className="text-xs text-slate-500" aria-live="polite">
            {activeCount > 0 ? `${activeCount} active · updating live` : ""}
          </span>
        </div>
        <button
          type="button"
          disabled={selectedIds.length < 2}
          onClick={() => router.push(`/jobs/compare?ids=${selectedIds.map(encodeURIComponent).join(",")}`)}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Compare{selectedIds.length > 0 ? ` (${selectedIds.length})` : ""}
        </button>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Fine-tune jobs, newest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="w-10 px-3 py-2">
                <span className="sr-only">Select to compare</span>
              </th>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="w-48 px-3 py-2">Progress</th>
              <th scope="col" className="px-3 py-2">ETA</th>
              <th scope="col" className="px-3 py-2">Dataset</th>
              <th scope="col" className="px-3 py-2">Created</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {jobs.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  No {statusFilter} jobs.
                </td>
              </tr>
            )}
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} isSelected={selectedIds.includes(job.id)} onToggle={() => toggle(job.id)} />
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

function JobRow({ job, isSelected, onToggle }: { job: Job; isSelected: boolean; onToggle: () => void }) {
  const steps = job.totalSteps ? `step ${job.currentStep} / ${job.totalSteps}` : null;
  return (
    <tr className={isSelected ? "bg-indigo-50/50" : "hover:bg-slate-50"} data-testid="job-row">
      <td className="px-3 py-2">
        <input
          type="checkbox"
          checked={isSelected}
          onChange={onToggle}
          aria-label={`Compare ${job.name}`}
          className="h-4 w-4 rounded border-slate-300 accent-indigo-600"
        />
      </td>
      <td className="max-w-64 px-3 py-2">
        <Link href={`/jobs/${job.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
          {job.name}
        </Link>
        <span className="block truncate text-xs text-slate-500">{job.baseModelId}</span>
      </td>
      <td className="px-3 py-2">
        <StatusBadge status={job.status} />
      </td>
      <td className="px-3 py-2">
        <StatusProgressBar progress={job.progress} status={job.status} label={`Progress of ${job.name}`} />
        {steps && <span className="text-xs tabular-nums text-slate-500">{steps}</span>}
      </td>
      <td className="px-3 py-2 tabular-nums text-slate-700">{isActiveStatus(job.status) ? formatDuration(job.etaSeconds) : "—"}</td>
      <td className="max-w-48 truncate px-3 py-2 text-slate-700">{job.datasetName ?? job.datasetId}</td>
      <td className="whitespace-nowrap px-3 py-2 text-slate-600" title={new Date(job.createdAt).toLocaleString()}>
        {formatAge(job.createdAt)}
        <CreatedBy creator={job.createdBy} />
      </td>
    </tr>
  );
}
