"use client";
// Who is signed in, their API tokens, and (for admins) everyone's accounts, through TanStack Query.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  ApiTokenSummary,
  CreateUserBody,
  CreatedApiToken,
  SessionInfo,
  UpdateUserBody,
  UserSummary,
} from "@loraboard/contracts";
import { apiFetch } from "@/lib/api-client";

export const accountKeys = {
  session: ["session"] as const,
  tokens: ["api-tokens"] as const,
  users: ["users"] as const,
};

type List<T> = { items: T[]; nextCursor: string | null };
const jsonBody = (body: unknown) => ({ headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export function useSession() {
  return useQuery({ queryKey: accountKeys.session, queryFn: () => apiFetch<SessionInfo>("/api/session"), staleTime: 60_000 });
}

export function useSignOut() {
  return useMutation({
    mutationFn: () => apiFetch<void>("/api/session", { method: "DELETE" }),
    onSuccess: () => window.location.assign("/sign-in"),
  });
}

export function useApiTokens() {
  return useQuery({ queryKey: accountKeys.tokens, queryFn: () => apiFetch<List<ApiTokenSummary>>("/api/tokens") });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => apiFetch<CreatedApiToken>("/api/tokens", { method: "POST", ...jsonBody({ name }) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<ApiTokenSummary>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.tokens }),
  });
}

export function useUsers() {
  return useQuery({ queryKey: accountKeys.users, queryFn: () => apiFetch<List<UserSummary>>("/api/users") });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => apiFetch<UserSummary>("/api/users", { method: "POST", ...jsonBody(body) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserBody & { id: string }) =>
      apiFetch<UserSummary>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", ...jsonBody(body) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.users }),
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/users/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.users }),
  });
}
