"use client";
// Adapters through TanStack Query: the list polls while something is loading (or the server is
// down, so the page notices when it returns); load/unload refresh it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Adapter, AdapterListResponse } from "@loraboard/contracts";
import { apiFetch } from "@/lib/api-client";

export const adapterKeys = { all: ["adapters"] as const };

export function useAdapters() {
  return useQuery({
    queryKey: adapterKeys.all,
    queryFn: () => apiFetch<AdapterListResponse>("/api/adapters"),
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      return data.inference === "down" || data.items.some((adapter) => adapter.status === "loading") ? 3_000 : 15_000;
    },
  });
}

export function useAdapterAction(action: "load" | "unload") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Adapter>(`/api/adapters/${encodeURIComponent(id)}/${action}`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adapterKeys.all }),
  });
}
