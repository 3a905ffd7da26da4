// A sweep's status badge (its jobs' statuses share the job badge) and how its metric reads.
import type { SweepMetric, SweepStatus } from "@loraboard/contracts";

const STYLES: Record<SweepStatus, string> = {
  running: "bg-blue-50 text-blue-700 ring-blue-300",
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-300",
  failed: "bg-red-50 text-red-700 ring-red-300",
  cancelled: "bg-amber-50 text-amber-800 ring-amber-300",
};

export function SweepStatusBadge({ status }: { status: SweepStatus }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`} data-testid="sweep-status">
      {status === "running" && <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" aria-hidden />}
      {status}
    </span>
  );
}

export const METRIC_LABEL: Record<SweepMetric, string> = { valAccuracy: "validation accuracy", evalLoss: "eval loss" };

/** Accuracy as a percentage, loss as a number. */
export function formatScore(metric: SweepMetric, score: number | null): string {
  if (score === null) return "—";
  return metric === "valAccuracy" ? `${(score * 100).toFixed(1)}%` : score.toFixed(4);
}
