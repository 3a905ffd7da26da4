"use client";
// What several pages pick from: the base models, the datasets and the adapters, as TanStack Query
// hooks shared by the jobs, evaluations, adapters and playground features.
import { useQuery } from "@tanstack/react-query";
import type { AdapterListResponse, BaseModel } from "@loraboard/contracts";
import { apiFetch } from "@/lib/api-client";

export const adapterKeys = { all: ["adapters"] as const };

/** With `isLive`, the list refreshes (the playground shows which models are served right now). */
export function useBaseModels(options: { isLive?: boolean } = {}) {
  return useQuery({
    queryKey: ["base-models"],
    queryFn: () => apiFetch<{ items: BaseModel[] }>("/api/base-models"),
    ...(options.isLive ? { refetchInterval: 15_000 } : { staleTime: 60_000 }),
  });
}

export interface DatasetOption {
  id: string;
  name: string;
  rowCount?: number;
  splitCounts?: { train: number; val: number; test: number };
  /** The dataset's classes, in order: the new-job form asks one answer word per class. */
  labels?: (string | number)[];
  createdAt?: string;
}

export function useDatasetOptions() {
  return useQuery({
    queryKey: ["datasets", "options"],
    queryFn: () => apiFetch<{ items: DatasetOption[]; nextCursor: string | null }>("/api/datasets?limit=100"),
    staleTime: 10_000,
  });
}

/** With `isLive`, the list polls: often while something is loading or the server is down (so a page
 * notices when it returns), else every 15 s; without, it is read at most every 30 s. */
export function useAdapters(options: { isLive?: boolean } = {}) {
  return useQuery({
    queryKey: adapterKeys.all,
    queryFn: () => apiFetch<AdapterListResponse>("/api/adapters"),
    staleTime: options.isLive ? 0 : 30_000,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!options.isLive || !data) return false;
      return data.inference === "down" || data.items.some((adapter) => adapter.status === "loading") ? 3_000 : 15_000;
    },
  });
}
