// The status badge and progress bar of a job, also used for evaluations (whose statuses are a subset).
import type { JobStatus } from "@loraboard/contracts";

const STATUS_STYLES: Record<JobStatus, string> = {
  queued: "bg-slate-100 text-slate-700 ring-slate-300",
  running: "bg-blue-50 text-blue-700 ring-blue-300",
  evaluating: "bg-violet-50 text-violet-700 ring-violet-300",
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-300",
  failed: "bg-red-50 text-red-700 ring-red-300",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-300",
};

export function StatusBadge({ status }: { status: JobStatus }) {
  const isMoving = status === "running" || status === "evaluating";
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLES[status]}`}
      data-testid="job-status"
    >
      {isMoving && <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" aria-hidden />}
      {status}
    </span>
  );
}

export function StatusProgressBar({ progress, status, label }: { progress: number; status: JobStatus; label: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  const color = status === "failed" ? "bg-red-500" : status === "cancelled" ? "bg-amber-500" : status === "succeeded" ? "bg-emerald-500" : "bg-indigo-500";
  return (
    <div className="flex items-center gap-2">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full min-w-16 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={`h-full ${color} transition-[width]`} style={{ width: `${percent}%` }} />
      </div>
      <span className="w-9 text-right text-xs tabular-nums text-slate-600">{percent}%</span>
    </div>
  );
}
