"use client";
// Loading and unloading adapters; the list itself is @/hooks/use-catalog's useAdapters, refreshed here.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Adapter } from "@loraboard/contracts";
import { apiFetch } from "@/lib/api-client";
import { adapterKeys } from "@/hooks/use-catalog";

export function useAdapterAction(action: "load" | "unload") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Adapter>(`/api/adapters/${encodeURIComponent(id)}/${action}`, { method: "POST" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adapterKeys.all }),
  });
}
