"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useQueries } from "@tanstack/react-query";
import type { Job, JobMetricPoint } from "@loraboard/contracts";
import { EmptyState } from "@/components/empty-state";
import { apiFetch } from "@/lib/api-client";
import { formatAge, formatNumber } from "@/lib/format";
import { positiveOrNull, smoothSeries } from "../lib/metrics";
import { isActiveStatus, jobKeys, useJobList } from "../hooks/use-jobs";
import { ChartControls } from "./chart-controls";
import { StatusBadge } from "@/components/status-badge";
import { MetricChart } from "./metric-chart";

const COLORS = ["#4f46e5", "#ea580c", "#16a34a", "#db2777", "#0891b2", "#ca8a04", "#7c3aed", "#475569"];
const COMPARE_MAX_POINTS = 1000;

export function JobCompare({ initialIds }: { initialIds: string[] }) {
  const router = useRouter();
  const [selectedIds, setSelectedIds] = useState(initialIds.slice(0, COLORS.length));
  const [smoothing, setSmoothing] = useState(0.6);
  const [isLogScale, setIsLogScale] = useState(false);
  const recent = useJobList();
  const recentJobs = recent.data?.pages.flatMap((page) => page.items) ?? [];

  const jobs = useQueries({
    queries: selectedIds.map((id) => ({
      queryKey: jobKeys.detail(id),
      queryFn: () => apiFetch<Job>(`/api/jobs/${encodeURIComponent(id)}`),
      refetchInterval: (query: { state: { data?: Job } }) => (query.state.data && isActiveStatus(query.state.data.status) ? 5_000 : false),
    })),
  });
  const metrics = useQueries({
    queries: selectedIds.map((id, i) => ({
      queryKey: jobKeys.metrics(id, COMPARE_MAX_POINTS),
      queryFn: () => apiFetch<{ items: JobMetricPoint[] }>(`/api/jobs/${encodeURIComponent(id)}/metrics?afterStep=-1&maxPoints=${COMPARE_MAX_POINTS}`),
      refetchInterval: jobs[i]?.data && isActiveStatus(jobs[i].data.status) ? 5_000 : (false as const),
    })),
  });

  const metricsKey = metrics.map((query) => query.dataUpdatedAt).join();
  const rows = useMemo(() => {
    const byStep = new Map<number, Record<string, number | null>>();
    selectedIds.forEach((id, i) => {
      const points = metrics[i]?.data?.items ?? [];
      const smoothed = smoothSeries(points.map((point) => point.loss), smoothing);
      points.forEach((point, j) => {
        const row = byStep.get(point.step) ?? { step: point.step };
        row[`job${i}`] = isLogScale ? positiveOrNull(smoothed[j]) : smoothed[j]!;
        byStep.set(point.step, row);
      });
    });
    return [...byStep.values()].sort((a, b) => a.step! - b.step!);
    // metricsKey stands for the query results, which are new arrays on every render.
  }, [metricsKey, selectedIds, smoothing, isLogScale]);

  function toggle(id: string) {
    const next = selectedIds.includes(id) ? selectedIds.filter((other) => other !== id) : [...selectedIds, id].slice(-COLORS.length);
    setSelectedIds(next);
    router.replace(`/jobs/compare?ids=${next.map(encodeURIComponent).join(",")}`, { scroll: false });
  }

  const nameOf = (id: string, i: number) => jobs[i]?.data?.name ?? recentJobs.find((job) => job.id === id)?.name ?? id;

  return (
    <div className="grid gap-5 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0 space-y-3">
        {selectedIds.length === 0 ? (
          <EmptyState title="No jobs picked" action={{ href: "/jobs", label: "Back to jobs" }}>
            Tick two or more jobs here or in the jobs list to overlay their loss curves.
          </EmptyState>
        ) : (
          <>
            <div className="flex justify-end">
              <ChartControls smoothing={smoothing} onSmoothingChange={setSmoothing} isLogScale={isLogScale} onLogScaleChange={setIsLogScale} />
            </div>
            <MetricChart
              title="Train loss"
              testId="chart-compare"
              rows={rows}
              isLogScale={isLogScale}
              height={360}
              series={selectedIds.map((id, i) => ({ key: `job${i}`, name: nameOf(id, i), color: COLORS[i]! }))}
            />
            <CompareTable
              ids={selectedIds}
              jobs={jobs.map((query) => query.data)}
              errors={jobs.map((query) => query.error?.message ?? null)}
              metrics={metrics.map((query) => query.data?.items)}
            />
          </>
        )}
      </div>
      <fieldset className="self-start rounded-lg border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">Jobs to compare</legend>
        {recent.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {recent.isSuccess && recentJobs.length === 0 && (
          <p className="text-sm text-slate-500">
            No jobs yet.{" "}
            <Link href="/jobs/new" className="font-medium text-indigo-700 underline">
              New job
            </Link>
          </p>
        )}
        <ul className="max-h-[28rem] space-y-1 overflow-auto">
          {recentJobs.map((job) => {
            const index = selectedIds.indexOf(job.id);
            return (
              <li key={job.id}>
                <label className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                  <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={index >= 0} onChange={() => toggle(job.id)} />
                  <span className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: index >= 0 ? COLORS[index] : "transparent" }} aria-hidden />
                  <span className="min-w-0 flex-1 truncate">{job.name}</span>
                  <span className="shrink-0 text-xs text-slate-500">
                    {job.status} · {formatAge(job.createdAt)}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
    </div>
  );
}

function CompareTable(props: { ids: string[]; jobs: (Job | undefined)[]; errors: (string | null)[]; metrics: (JobMetricPoint[] | undefined)[] }) {
  const { ids, jobs, errors, metrics } = props;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Compared jobs</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Job</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2 text-right">Last loss</th>
            <th scope="col" className="px-3 py-2 text-right">Best eval loss</th>
            <th scope="col" className="px-3 py-2 text-right">LR</th>
            <th scope="col" className="px-3 py-2 text-right">r / alpha</th>
            <th scope="col" className="px-3 py-2 text-right">Epochs</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {ids.map((id, i) => {
            const job = jobs[i];
            const points = metrics[i] ?? [];
            const lastLoss = [...points].reverse().find((point) => point.loss !== null)?.loss ?? null;
            const evals = points.map((point) => point.evalLoss).filter((value): value is number => typeof value === "number");
            return (
              <tr key={id}>
                <td className="px-3 py-2">
                  <span className="mr-2 inline-block h-2.5 w-2.5 rounded-full" style={{ background: COLORS[i] }} aria-hidden />
                  <Link href={`/jobs/${id}`} className="font-medium text-indigo-700 hover:underline">
                    {job?.name ?? id}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  {job ? <StatusBadge status={job.status} /> : errors[i] ? <span className="text-xs text-red-700">{errors[i]}</span> : null}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatNumber(lastLoss)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{evals.length ? formatNumber(Math.min(...evals)) : "—"}</td>
                <td className="px-3 py-2 text-right font-mono">{formatNumber(job?.hyperparameters.learningRate)}</td>
                <td className="px-3 py-2 text-right font-mono">{job ? `${job.hyperparameters.loraR} / ${job.hyperparameters.loraAlpha}` : "—"}</td>
                <td className="px-3 py-2 text-right font-mono">{job?.hyperparameters.epochs ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
