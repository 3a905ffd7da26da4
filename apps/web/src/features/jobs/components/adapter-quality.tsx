"use client";

import type { Job, JobMetricPoint } from "@loraboard/contracts";
import { useEvaluation } from "@/hooks/use-evaluation";
import { metricLabel } from "../lib/job-form";

/**
 * Which step the published adapter came from (the best checkpoint by the chosen validation metric),
 * and how the trainer's validation accuracy from logits compares with the final evaluation's
 * accuracy from generated answers.
 */
export function AdapterQuality({ job, metrics }: { job: Job; metrics: JobMetricPoint[] }) {
  if (!job.bestStep) return null;
  const atBest = metrics.find((point) => point.step === job.bestStep);
  const validation = typeof atBest?.evalAccuracy === "number" ? percent(atBest.evalAccuracy) : "—";
  return (
    <p className="text-sm text-slate-700" data-testid="adapter-quality">
      Adapter from step <span className="font-medium tabular-nums">{job.bestStep}</span> (the best checkpoint by{" "}
      {metricLabel(job.hyperparameters.metricForBestModel).toLowerCase()}) ·
      validation accuracy (logits) <span className="font-medium tabular-nums" data-testid="validation-accuracy">{validation}</span>
      {job.evaluationId && <TestAccuracy evaluationId={job.evaluationId} />}
    </p>
  );
}

function TestAccuracy({ evaluationId }: { evaluationId: string }) {
  const { data } = useEvaluation(evaluationId);
  const accuracy = data?.metrics ? percent(data.metrics.accuracy) : "…";
  return (
    <>
      {" "}· {data?.split ?? "test"} accuracy (generated){" "}
      <span className="font-medium tabular-nums" data-testid="generated-accuracy">{accuracy}</span>
    </>
  );
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
