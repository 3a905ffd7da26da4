"use client";
import { useQuery } from "@tanstack/react-query";
import type { WorkerListResponse } from "@loraboard/contracts";
import { apiFetch } from "@/lib/api-client";

/** The live workers (the new-job form says from them where a job trains), refreshed every 15 s (a worker started or stopped shows up within that). */
export function useWorkers() {
  return useQuery({
    queryKey: ["workers"],
    queryFn: () => apiFetch<WorkerListResponse>("/api/workers"),
    refetchInterval: 15_000,
  });
}
