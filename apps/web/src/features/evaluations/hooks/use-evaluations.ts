"use client";
// Server state of the evaluation pages through TanStack Query: anything queued or running is polled.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateEvaluationBody, Evaluation, Prediction } from "@loraboard/contracts";
import { EVALUATION_POLL_MS as LIVE_POLL_MS, evaluationDetailKey, isActiveEvaluation } from "@/hooks/use-evaluation";
import { apiFetch, sendJson } from "@/lib/api-client";

export { isActiveEvaluation, useEvaluation } from "@/hooks/use-evaluation";

export const evaluationKeys = {
  all: ["evaluations"] as const,
  list: (filter: EvaluationListFilter) => ["evaluations", "list", filter] as const,
  detail: evaluationDetailKey,
  predictions: (id: string, params: PredictionsParams) => ["evaluations", "predictions", id, params] as const,
};

export interface EvaluationListFilter {
  datasetId?: string;
  split?: Evaluation["split"];
}

export function useEvaluationList(filter: EvaluationListFilter = {}, options: { isEnabled?: boolean } = {}) {
  const query = new URLSearchParams({ limit: "200" });
  if (filter.datasetId) query.set("datasetId", filter.datasetId);
  if (filter.split) query.set("split", filter.split);
  return useQuery({
    queryKey: evaluationKeys.list(filter),
    queryFn: () => apiFetch<{ items: Evaluation[]; nextCursor: string | null }>(`/api/evaluations?${query}`),
    enabled: options.isEnabled ?? true,
    // Live without a reload: poll while any listed evaluation can still change.
    refetchInterval: (state) => (state.state.data?.items.some((item) => isActiveEvaluation(item.status)) ? LIVE_POLL_MS : false),
    placeholderData: keepPreviousData,
  });
}

export type PredictionFilter = "all" | "wrong" | "invalid";

export interface PredictionsParams {
  filter: PredictionFilter;
  q?: string;
  /** Only this true label (as text). */
  label?: string;
  offset: number;
  limit: number;
}

export function predictionsSearch(params: Omit<PredictionsParams, "offset" | "limit"> & Partial<PredictionsParams>) {
  const search = new URLSearchParams({ filter: params.filter });
  if (params.q) search.set("q", params.q);
  if (params.label) search.set("label", params.label);
  if (params.offset !== undefined) search.set("offset", String(params.offset));
  if (params.limit !== undefined) search.set("limit", String(params.limit));
  return search;
}

export function usePredictions(id: string, params: PredictionsParams, options: { isLive?: boolean } = {}) {
  return useQuery({
    queryKey: evaluationKeys.predictions(id, params),
    queryFn: () =>
      apiFetch<{ items: Prediction[]; total: number }>(`/api/evaluations/${encodeURIComponent(id)}/predictions?${predictionsSearch(params)}`),
    placeholderData: keepPreviousData,
    // Rows arrive while the evaluation runs; a slower poll than the header's is enough.
    refetchInterval: options.isLive ? 5_000 : false,
  });
}

export function useCreateEvaluation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEvaluationBody) =>
      sendJson<Evaluation>("/api/evaluations", body),
    onSuccess: (created) => {
      queryClient.setQueryData(evaluationKeys.detail(created.id), created);
      return queryClient.invalidateQueries({ queryKey: [...evaluationKeys.all, "list"] });
    },
  });
}

/** Runs a failed or cancelled evaluation again; the rows already answered are kept. */
export function useRetryEvaluation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Evaluation>(`/api/evaluations/${encodeURIComponent(id)}/retry`, { method: "POST" }),
    onSuccess: (retried) => {
      queryClient.setQueryData(evaluationKeys.detail(retried.id), retried);
      return queryClient.invalidateQueries({ queryKey: [...evaluationKeys.all, "list"] });
    },
  });
}
