// The web app's inference servers: one per base model (`base_models.inferenceUrl`, INFERENCE_URL
// for rows without one), and how their errors map to API errors.
import { createInferenceServers, InferenceError, type InferenceClient, type InferenceServers, type ServedModel } from "@loraboard/inference";
import { getDb } from "@loraboard/db/server";
import { ApiError } from "@/server/api-error";
import { getWebEnv } from "@/server/env";

let cached: InferenceServers | undefined;

export function getInferenceServers(): InferenceServers {
  cached ??= createInferenceServers({ defaultUrl: getWebEnv().INFERENCE_URL, client: { maxRetries: 1, timeoutMs: 120_000 } });
  return cached;
}

/** The client of a base model's own server. */
export function inferenceFor(baseModel: { id: string; inferenceUrl: string | null }): InferenceClient {
  return getInferenceServers().inferenceFor(baseModel);
}

// What each inference server serves (GET /v1/models), shared for a second: with many dashboards
// open, the adapter and base-model lists would otherwise ask it once per request, and wait out the
// client's retry each time it is down. Loading or unloading through the API forgets it at once.
const SERVED_MODELS_TTL_MS = 1000;
const servedModels = new Map<string, { askedAt: number; models: Promise<ServedModel[] | null> }>();

/** What the server at `url` serves (null when it is not answering), and when it was asked. */
export async function listServedModels(url: string): Promise<{ models: ServedModel[] | null; askedAt: Date }> {
  let entry = servedModels.get(url);
  if (!entry || Date.now() - entry.askedAt > SERVED_MODELS_TTL_MS) {
    entry = { askedAt: Date.now(), models: getInferenceServers().clientFor(url).listModels().catch(() => null) };
    servedModels.set(url, entry);
  }
  return { models: await entry.models, askedAt: new Date(entry.askedAt) };
}

export interface ServerState {
  baseModelId: string;
  url: string;
  /** Its /v1/models, or null when it is not answering. */
  models: ServedModel[] | null;
  askedAt: Date;
}

/** Every base model's server and what it serves, each server asked once. */
export async function listServerStates(): Promise<ServerState[]> {
  const servers = await getInferenceServers().listServers(getDb());
  return Promise.all(servers.map(async ({ baseModelId, url }) => ({ baseModelId, url, ...(await listServedModels(url)) })));
}

export function forgetServedModels(): void {
  servedModels.clear();
}

export function toApiError(error: unknown, url?: string): unknown {
  if (!(error instanceof InferenceError)) return error;
  switch (error.kind) {
    case "unavailable":
      return new ApiError(
        503,
        "inference_unavailable",
        `The inference server${url ? ` (${url})` : ""} is not answering: start it (npm run up starts one per base model) and try again. ${error.message}`,
      );
    case "unknown_model":
      return new ApiError(404, "model_not_found", error.message);
    case "adapter_not_found":
      return new ApiError(404, "adapter_files_not_found", error.message);
    case "already_loaded":
    case "not_loaded":
      return new ApiError(409, error.kind, error.message);
    case "server_mismatch":
      return new ApiError(409, "inference_server_mismatch", error.message);
    case "rejected":
      return new ApiError(422, "inference_rejected", error.message);
  }
}
