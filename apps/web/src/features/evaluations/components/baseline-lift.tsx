import Link from "next/link";
import type { ReactNode } from "react";
import type { Evaluation } from "@loraboard/contracts";
import { isActiveEvaluation } from "../hooks/use-evaluations";
import { formatRatio } from "../lib/format";
import { formatLift } from "../lib/report";

/**
 * What the adapter adds over its base model asked the same rows zero-shot, with the same template
 * and label words: "Base model (zero-shot) 70.0% → adapter 88.0%  +18.0 points".
 */
export function BaselineLift({ evaluation }: { evaluation: Evaluation }) {
  if (evaluation.isBaseline) return null;
  const { baseline } = evaluation;
  const adapterAccuracy = evaluation.metrics?.accuracy;

  return (
    <section aria-labelledby="baseline-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="baseline-lift">
      <h2 id="baseline-heading" className="text-sm font-semibold text-slate-900">
        Lift over the base model
      </h2>
      {!baseline && (
        <p className="mt-1 text-sm text-slate-600" data-testid="baseline-pending">
          {isActiveEvaluation(evaluation.status)
            ? "The base model's zero-shot baseline is queued when this evaluation starts."
            : "No zero-shot baseline was made for this evaluation."}
        </p>
      )}
      {baseline && isActiveEvaluation(baseline.status) && (
        <p className="mt-1 text-sm text-slate-600" role="status" data-testid="baseline-pending">
          The base model is being evaluated zero-shot on the same rows ({baseline.status}); the lift shows when it ends.{" "}
          <BaselineLink id={baseline.id}>Its report</BaselineLink>
        </p>
      )}
      {baseline && (baseline.status === "failed" || baseline.status === "cancelled") && (
        <p className="mt-1 text-sm text-amber-900" data-testid="baseline-failed">
          The base model&apos;s zero-shot baseline {baseline.status === "failed" ? "failed" : "was cancelled"}; this adapter&apos;s figures stand on
          their own. <BaselineLink id={baseline.id}>See or retry the baseline</BaselineLink>
        </p>
      )}
      {baseline?.status === "succeeded" && (
        <>
          <p className="mt-1 flex flex-wrap items-baseline gap-x-3 text-base tabular-nums text-slate-900" data-testid="baseline-lift-line">
            <span>
              <BaselineLink id={baseline.id}>Base model (zero-shot)</BaselineLink> <strong>{formatRatio(baseline.accuracy)}</strong>
              {" → "}adapter <strong>{formatRatio(adapterAccuracy)}</strong>
            </span>
            <span
              className={`font-semibold ${baseline.lift === null ? "text-slate-500" : baseline.lift >= 0 ? "text-emerald-700" : "text-red-700"}`}
              data-testid="baseline-lift-points"
            >
              {baseline.lift === null ? "lift when this evaluation ends" : formatLift(baseline.lift)}
            </span>
          </p>
          <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600 tabular-nums" data-testid="baseline-invalid-rates">
            <div className="flex gap-1">
              <dt>Invalid answers: base</dt>
              <dd className="font-medium text-slate-900">{formatRatio(baseline.invalidRate)}</dd>
            </div>
            <div className="flex gap-1">
              <dt>adapter</dt>
              <dd className="font-medium text-slate-900">{formatRatio(evaluation.metrics?.invalidRate)}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Macro-F1: base</dt>
              <dd className="font-medium text-slate-900">{baseline.macroF1 === null ? "—" : baseline.macroF1.toFixed(3)}</dd>
            </div>
            <div className="flex gap-1">
              <dt>adapter</dt>
              <dd className="font-medium text-slate-900">{evaluation.metrics ? evaluation.metrics.macroF1.toFixed(3) : "—"}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}

function BaselineLink({ id, children }: { id: string; children: ReactNode }) {
  return (
    <Link href={`/evaluations/${id}`} className="font-medium text-indigo-700 hover:underline">
      {children}
    </Link>
  );
}
