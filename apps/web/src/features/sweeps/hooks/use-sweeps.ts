"use client";
// Server state of the sweeps feature through TanStack Query: a sweep's page polls while any of its
// jobs can still change, so the ranking and the curves move as the jobs evaluate.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Sweep, SweepDetail } from "@loraboard/contracts";
import { apiFetch, sendJson } from "@/lib/api-client";

const LIVE_POLL_MS = 2_000;

export const sweepKeys = {
  all: ["sweeps"] as const,
  list: ["sweeps", "list"] as const,
  detail: (id: string) => ["sweeps", "detail", id] as const,
};

export function useSweepList() {
  return useInfiniteQuery({
    queryKey: sweepKeys.list,
    queryFn: ({ pageParam }) => apiFetch<{ items: Sweep[]; nextCursor: string | null }>(`/api/sweeps?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: (query) => (query.state.data?.pages.some((page) => page.items.some((sweep) => sweep.status === "running")) ? LIVE_POLL_MS : false),
    placeholderData: keepPreviousData,
  });
}

/** Also polls a finished sweep while a promoted job's evaluation may still be running. */
export function useSweep(id: string) {
  return useQuery({
    queryKey: sweepKeys.detail(id),
    queryFn: () => apiFetch<SweepDetail>(`/api/sweeps/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data?.status === "running" ? LIVE_POLL_MS : false),
  });
}

export function usePromoteSweepJob(sweepId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId?: string) =>
      sendJson<{ jobId: string; adapterId: string; adapterName: string; evaluationId: string | null }>(
        `/api/sweeps/${encodeURIComponent(sweepId)}/promote`,
        jobId ? { jobId } : {},
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sweepKeys.all }),
  });
}

export function useCancelSweep(sweepId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<SweepDetail>(`/api/sweeps/${encodeURIComponent(sweepId)}/cancel`, { method: "POST" }),
    onSuccess: (sweep) => {
      queryClient.setQueryData(sweepKeys.detail(sweepId), sweep);
      return queryClient.invalidateQueries({ queryKey: sweepKeys.all });
    },
  });
}

export function useDeleteSweep(sweepId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(`/api/sweeps/${encodeURIComponent(sweepId)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sweepKeys.list }),
  });
}
