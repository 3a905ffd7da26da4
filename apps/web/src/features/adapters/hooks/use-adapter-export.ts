"use client";
// An adapter's downloads and vLLM commands, and its merged model: polled while a merge runs.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AdapterExport } from "@loraboard/contracts";
import { apiFetch } from "@/lib/api-client";

const exportKey = (id: string) => ["adapters", id, "export"] as const;
const exportUrl = (id: string) => `/api/adapters/${encodeURIComponent(id)}/merged`;

export function useAdapterExport(id: string) {
  return useQuery({
    queryKey: exportKey(id),
    queryFn: () => apiFetch<AdapterExport>(exportUrl(id)),
    refetchInterval: (query) => {
      const status = query.state.data?.merged.status;
      return status === "queued" || status === "merging" ? 3_000 : false;
    },
  });
}

export function useStartMerge(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<AdapterExport>(exportUrl(id), { method: "POST" }),
    onSuccess: (data) => queryClient.setQueryData(exportKey(id), data),
  });
}
