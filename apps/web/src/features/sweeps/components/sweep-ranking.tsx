"use client";
// The sweep's jobs, best first, with what each tried, its score and progress, and Promote.
import Link from "next/link";
import type { SweepDetail, SweepJob } from "@loraboard/contracts";
import { StatusBadge, StatusProgressBar } from "@/components/status-badge";
import { formatScore } from "./sweep-status";

export const SERIES_COLORS = ["#4f46e5", "#ea580c", "#16a34a", "#db2777", "#0891b2", "#ca8a04", "#7c3aed", "#475569"];
export const colorOf = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;

/** What a job tried, in the sweep's own words ("lr 0.002 · r 8"). */
export function describeTried(entry: SweepJob): string {
  const { learningRate, loraR, targetModules, epochs } = entry.overrides;
  return [
    learningRate !== undefined ? `lr ${learningRate}` : null,
    loraR !== undefined ? `r ${loraR}` : null,
    targetModules ? targetModules.join("+") : null,
    epochs !== undefined ? `${epochs} ep` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

export function SweepRanking(props: {
  sweep: SweepDetail;
  colorIndex: Map<string, number>;
  onPromote: (jobId: string) => void;
  promotingJobId: string | null;
}) {
  const { sweep, colorIndex, onPromote, promotingJobId } = props;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="sweep-ranking">
        <caption className="sr-only">The sweep&apos;s jobs ranked by {sweep.metric === "valAccuracy" ? "validation accuracy" : "eval loss"}, best first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Rank</th>
            <th scope="col" className="px-3 py-2">Tried</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="w-40 px-3 py-2">Progress</th>
            <th scope="col" className="px-3 py-2 text-right">Val accuracy</th>
            <th scope="col" className="px-3 py-2 text-right">Eval loss</th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sweep.jobs.map((entry) => {
            const { job } = entry;
            const isWinner = sweep.winnerJobId === job.id;
            const isBest = sweep.bestJobId === job.id;
            const canPromote = job.status === "succeeded" && job.adapterId !== null;
            return (
              <tr key={job.id} data-testid="sweep-job-row" data-rank={entry.rank ?? ""} data-job-id={job.id} className={isWinner ? "bg-emerald-50/60" : undefined}>
                <td className="px-3 py-2 tabular-nums font-semibold text-slate-800">
                  <span className="mr-2 inline-block h-2.5 w-2.5 rounded-full" style={{ background: colorOf(colorIndex.get(job.id) ?? 0) }} aria-hidden />
                  {entry.rank ?? "—"}
                  {isBest && <span className="ml-2 rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-700">best</span>}
                </td>
                <td className="max-w-72 px-3 py-2">
                  <Link href={`/jobs/${job.id}`} className="block truncate font-mono text-xs font-medium text-indigo-700 hover:underline" title={job.name}>
                    {describeTried(entry) || job.name}
                  </Link>
                </td>
                <td className="px-3 py-2">
                  <StatusBadge status={job.status} />
                </td>
                <td className="px-3 py-2">
                  <StatusProgressBar progress={job.progress} status={job.status} label={`Progress of ${job.name}`} />
                </td>
                <td className="px-3 py-2 text-right tabular-nums" data-testid="sweep-job-accuracy">{formatScore("valAccuracy", entry.bestValAccuracy)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatScore("evalLoss", entry.bestEvalLoss)}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">
                  {isWinner ? (
                    <span className="inline-flex items-center gap-2 text-xs font-medium text-emerald-800" data-testid="sweep-winner">
                      Promoted
                      {job.evaluationId && (
                        <Link href={`/evaluations/${job.evaluationId}`} className="text-indigo-700 underline">
                          Evaluation
                        </Link>
                      )}
                    </span>
                  ) : (
                    canPromote && (
                      <button
                        type="button"
                        onClick={() => onPromote(job.id)}
                        disabled={promotingJobId !== null}
                        aria-label={`Promote ${describeTried(entry) || job.name}`}
                        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
                      >
                        {promotingJobId === job.id ? "Promoting…" : "Promote"}
                      </button>
                    )
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
