import type { Evaluation } from "@loraboard/contracts";
import { StatusProgressBar, StatusBadge } from "@/components/status-badge";
import { formatCount } from "../lib/format";

/** The status badge (evaluation statuses are a subset of a job's). */
export function EvaluationStatusBadge({ status }: { status: Evaluation["status"] }) {
  return (
    <span data-testid="evaluation-status" data-status={status} className="inline-flex">
      <StatusBadge status={status} />
    </span>
  );
}

/** Rows answered out of rows to ask, as a bar and as counts. */
export function EvaluationProgress({ evaluation, label }: { evaluation: Evaluation; label: string }) {
  const progress = evaluation.total > 0 ? evaluation.completed / evaluation.total : evaluation.status === "succeeded" ? 1 : 0;
  return (
    <div>
      <StatusProgressBar progress={progress} status={evaluation.status} label={label} />
      <span className="text-xs tabular-nums text-slate-500" data-testid="evaluation-progress-count">
        {formatCount(evaluation.completed)} / {formatCount(evaluation.total)} rows
      </span>
    </div>
  );
}

/** "base model" or "adapter", and the few-shot k when there is one; a base model's evaluation is marked as a baseline. */
export function ModelKindTag({ evaluation }: { evaluation: Pick<Evaluation, "adapterId" | "fewShot" | "isBaseline"> }) {
  return (
    <span className="text-xs text-slate-500">
      {evaluation.adapterId ? "adapter" : "base model"}
      {evaluation.fewShot > 0 ? ` · ${evaluation.fewShot}-shot` : " · zero-shot"}
      {evaluation.isBaseline && (
        <span className="ml-1.5 rounded-full bg-slate-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-slate-600" data-testid="baseline-tag">
          baseline
        </span>
      )}
    </span>
  );
}
