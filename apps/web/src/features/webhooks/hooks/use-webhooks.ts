"use client";
// The caller's webhooks and their delivery logs, through TanStack Query. A log with a delivery
// still being tried refreshes itself until it settles.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateWebhookBody, CreatedWebhook, WebhookDelivery, WebhookSummary } from "@loraboard/contracts";
import { apiFetch, sendJson } from "@/lib/api-client";

const webhookKeys = {
  all: ["webhooks"] as const,
  deliveries: (id: string) => ["webhooks", id, "deliveries"] as const,
};

type List<T> = { items: T[]; nextCursor: string | null };
const path = (id: string, rest = "") => `/api/webhooks/${encodeURIComponent(id)}${rest}`;

export function useWebhooks() {
  return useQuery({ queryKey: webhookKeys.all, queryFn: () => apiFetch<List<WebhookSummary>>("/api/webhooks") });
}

export function useWebhookDeliveries(id: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id),
    queryFn: () => apiFetch<List<WebhookDelivery>>(path(id, "/deliveries")),
    refetchInterval: (query) => (query.state.data?.items.some((delivery) => delivery.status === "pending") ? 1500 : false),
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) => sendJson<CreatedWebhook>("/api/webhooks", body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<WebhookSummary>(path(id), { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useTestWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<WebhookDelivery>(path(id, "/test"), { method: "POST" }),
    onSettled: (_data, _error, id) => queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
  });
}
