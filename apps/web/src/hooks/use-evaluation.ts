"use client";
// One evaluation's server state, shared by the evaluation pages and the job page (which shows the
// final evaluation's accuracy next to the trainer's validation accuracy): polled while it can change.
import { useQuery } from "@tanstack/react-query";
import type { Evaluation, EvaluationStatus } from "@loraboard/contracts";
import { apiFetch, ApiClientError } from "@/lib/api-client";

export const isActiveEvaluation = (status: EvaluationStatus) => status === "queued" || status === "running";

const isStillChanging = (evaluation: Evaluation) =>
  isActiveEvaluation(evaluation.status) || (evaluation.baseline !== null && isActiveEvaluation(evaluation.baseline.status));

export const EVALUATION_POLL_MS = 2_000;

export const evaluationDetailKey = (id: string) => ["evaluations", "detail", id] as const;

export function useEvaluation(id: string) {
  return useQuery({
    queryKey: evaluationDetailKey(id),
    queryFn: () => apiFetch<Evaluation>(`/api/evaluations/${encodeURIComponent(id)}`),
    retry: (count, error) => !(error instanceof ApiClientError && error.status === 404) && count < 1,
    // Also while its zero-shot baseline runs (after it), so that the lift appears without a reload.
    refetchInterval: (state) => (state.state.data && isStillChanging(state.state.data) ? EVALUATION_POLL_MS : false),
  });
}
