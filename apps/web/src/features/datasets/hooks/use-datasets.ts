"use client";
// Server state of the datasets pages, through TanStack Query.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { CreateDatasetResponse, DatasetDetail, DatasetListResponse, DatasetRowsResponse, DatasetSplitName } from "@loraboard/contracts";
import { apiFetch, ApiClientError } from "@/lib/api-client";

export const datasetKeys = {
  all: ["datasets"] as const,
  list: () => [...datasetKeys.all, "list"] as const,
  detail: (id: string) => [...datasetKeys.all, "detail", id] as const,
  rows: (id: string, params: RowsParams) => [...datasetKeys.all, "rows", id, params] as const,
};

export function useDatasetList() {
  return useInfiniteQuery({
    queryKey: datasetKeys.list(),
    queryFn: ({ pageParam }) =>
      apiFetch<DatasetListResponse>(`/api/datasets?limit=25${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDataset(id: string) {
  return useQuery({
    queryKey: datasetKeys.detail(id),
    queryFn: () => apiFetch<DatasetDetail>(`/api/datasets/${encodeURIComponent(id)}`),
    retry: (count, error) => !(error instanceof ApiClientError && error.status === 404) && count < 1,
  });
}

export interface RowsParams {
  split?: DatasetSplitName;
  q?: string;
  offset: number;
  limit: number;
}

export function useDatasetRows(id: string, params: RowsParams) {
  const search = new URLSearchParams({ offset: String(params.offset), limit: String(params.limit) });
  if (params.split) search.set("split", params.split);
  if (params.q) search.set("q", params.q);
  return useQuery({
    queryKey: datasetKeys.rows(id, params),
    queryFn: () => apiFetch<DatasetRowsResponse>(`/api/datasets/${encodeURIComponent(id)}/rows?${search}`),
    placeholderData: keepPreviousData,
  });
}

export function useDeleteDataset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/datasets/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: datasetKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: datasetKeys.list() });
    },
  });
}

export interface UploadInput {
  file: File;
  testFile?: File;
  name?: string;
  valFraction?: string;
  testFraction?: string;
  seed?: string;
}

/** Upload through XMLHttpRequest, the one browser API that reports upload progress. */
export function useUploadDataset() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const mutation = useMutation({
    mutationFn: (input: UploadInput) => uploadWithProgress(input, setProgress),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: datasetKeys.list() }),
    onSettled: () => setProgress(null),
  });
  return { ...mutation, progress };
}

function uploadWithProgress(input: UploadInput, onProgress: (fraction: number) => void): Promise<CreateDatasetResponse> {
  const form = new FormData();
  form.set("file", input.file);
  if (input.testFile) form.set("testFile", input.testFile);
  for (const key of ["name", "valFraction", "testFraction", "seed"] as const) {
    const value = input[key]?.trim();
    if (value) form.set(key, value);
  }
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/datasets");
    request.withCredentials = true;
    request.responseType = "json";
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.upload.onload = () => onProgress(1);
    request.onload = () => {
      const body = request.response as { error?: { code: string; message: string; issues?: [] } } | null;
      if (request.status === 201) return resolve(body as unknown as CreateDatasetResponse);
      if (request.status === 401) window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
      reject(
        new ApiClientError(
          request.status,
          body?.error?.code ?? "http_error",
          body?.error?.message ?? `The server answered ${request.status}.`,
          body?.error?.issues ?? [],
        ),
      );
    };
    request.onerror = () =>
      reject(new ApiClientError(0, "network_error", "The upload was interrupted: the dashboard's server could not be reached."));
    request.send(form);
  });
}
