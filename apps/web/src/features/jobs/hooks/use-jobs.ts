"use client";
// Server state of the jobs feature through TanStack Query: lists poll while something is running.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BaseModelPreviewBody, BaseModelPreviewResponse, CreateJobBody, CreateSweepBody, Job, JobStatus, SweepDetail } from "@loraboard/contracts";
import { apiFetch, sendJson } from "@/lib/api-client";

export const ACTIVE_STATUSES: readonly JobStatus[] = ["queued", "running", "evaluating"];
export const isActiveStatus = (status: JobStatus) => ACTIVE_STATUSES.includes(status);

const LIVE_POLL_MS = 2_000;

export const jobKeys = {
  all: ["jobs"] as const,
  list: (status: string) => ["jobs", "list", status] as const,
  detail: (id: string) => ["jobs", "detail", id] as const,
  metrics: (id: string, maxPoints: number) => ["jobs", "metrics", id, maxPoints] as const,
};

interface JobPage {
  items: Job[];
  nextCursor: string | null;
}

export function useJobList(status: JobStatus | "" = "") {
  return useInfiniteQuery({
    queryKey: jobKeys.list(status),
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: "50" });
      if (status) query.set("status", status);
      if (pageParam) query.set("cursor", pageParam);
      return apiFetch<JobPage>(`/api/jobs?${query}`);
    },
    initialPageParam: "",
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Live without a reload: poll while any listed job can still change.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((job) => isActiveStatus(job.status))) ? LIVE_POLL_MS : false,
    placeholderData: keepPreviousData,
  });
}

export function useJob(id: string | null | undefined, options: { isLive?: boolean } = {}) {
  return useQuery({
    queryKey: jobKeys.detail(id ?? ""),
    queryFn: () => apiFetch<Job>(`/api/jobs/${encodeURIComponent(id ?? "")}`),
    enabled: Boolean(id),
    // The event stream updates the job; polling is a slower safety net while it can change.
    refetchInterval: (query) => (options.isLive && query.state.data && isActiveStatus(query.state.data.status) ? 5_000 : false),
  });
}

export function useCreateJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateJobBody) =>
      sendJson<{ id: string; status: JobStatus }>("/api/jobs", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}

/** The new-job form's sweep mode: a sweep of ordinary jobs (the sweeps pages read them). */
export function useCreateSweep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSweepBody) => sendJson<SweepDetail>("/api/sweeps", body),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: jobKeys.all }), queryClient.invalidateQueries({ queryKey: ["sweeps"] })]),
  });
}

export function useJobAction(action: "cancel" | "retry") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<Job | { id: string; status: JobStatus }>(`/api/jobs/${encodeURIComponent(id)}/${action}`, { method: "POST" }),
    onSuccess: (result) => {
      if (action === "cancel" && "name" in result) queryClient.setQueryData(jobKeys.detail(result.id), result);
      return queryClient.invalidateQueries({ queryKey: jobKeys.all });
    },
  });
}

export function usePromptPreview(baseModelId: string, body: BaseModelPreviewBody | null) {
  return useQuery({
    queryKey: ["base-models", baseModelId, "preview", body],
    queryFn: ({ signal }) =>
      apiFetch<BaseModelPreviewResponse>(`/api/base-models/${encodeURIComponent(baseModelId)}/preview`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal,
      }),
    enabled: Boolean(baseModelId) && body !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: Infinity,
  });
}
