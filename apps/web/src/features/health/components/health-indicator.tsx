"use client";

import { useQuery } from "@tanstack/react-query";
import type { HealthResponse } from "@loraboard/contracts";
import { apiFetch } from "@/lib/api-client";

const PARTS = ["postgres", "redis", "inference"] as const;

export function HealthIndicator() {
  const { data, isError } = useQuery({
    queryKey: ["health"],
    queryFn: () => apiFetch<HealthResponse>("/api/health"),
    refetchInterval: 10_000,
  });
  const status = isError ? "unreachable" : (data?.status ?? "checking");
  const color =
    status === "ok" ? "bg-emerald-500" : status === "degraded" ? "bg-amber-500" : status === "checking" ? "bg-slate-300" : "bg-red-500";
  const details = data
    ? [...PARTS.map((part) => `${part} ${data[part]}`), `${data.workers} worker${data.workers === 1 ? "" : "s"}`].join(" · ")
    : status;
  return (
    <div className="flex items-center gap-2 text-sm text-slate-600" role="status" aria-live="polite" data-testid="health-indicator">
      <span className={`inline-block h-2.5 w-2.5 rounded-full ${color}`} aria-hidden />
      <span className="font-medium text-slate-800">System {status}</span>
      <span className="hidden text-xs text-slate-500 lg:inline" data-testid="health-details">
        {details}
      </span>
    </div>
  );
}
