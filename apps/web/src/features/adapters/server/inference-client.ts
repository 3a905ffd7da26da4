// The web app's one inference client (INFERENCE_URL), and how its errors map to API errors.
import { InferenceClient, InferenceError, type ServedModel } from "@loraboard/inference";
import { ApiError } from "@/server/api-error";
import { getWebEnv } from "@/server/env";

let cached: InferenceClient | undefined;

export function getInferenceClient(): InferenceClient {
  cached ??= new InferenceClient({ baseUrl: getWebEnv().INFERENCE_URL, maxRetries: 1, timeoutMs: 120_000 });
  return cached;
}

// What the inference server serves (GET /v1/models), shared for a second: with many dashboards
// open, the adapter and base-model lists would otherwise ask it once per request, and wait out the
// client's retry each time it is down. Loading or unloading through the API forgets it at once.
const SERVED_MODELS_TTL_MS = 1000;
let servedModels: { askedAt: number; models: Promise<ServedModel[] | null> } | undefined;

/** The served models (null when the server is not answering) and when the server was asked. */
export async function listServedModels(): Promise<{ models: ServedModel[] | null; askedAt: Date }> {
  if (!servedModels || Date.now() - servedModels.askedAt > SERVED_MODELS_TTL_MS) {
    servedModels = { askedAt: Date.now(), models: getInferenceClient().listModels().catch(() => null) };
  }
  const { askedAt, models } = servedModels;
  return { models: await models, askedAt: new Date(askedAt) };
}

export function forgetServedModels(): void {
  servedModels = undefined;
}

export function toApiError(error: unknown): unknown {
  if (!(error instanceof InferenceError)) return error;
  switch (error.kind) {
    case "unavailable":
      return new ApiError(
        503,
        "inference_unavailable",
        `The inference server (${getInferenceClient().baseUrl}) is not answering: start it (npm run up starts it) and try again. ${error.message}`,
      );
    case "unknown_model":
      return new ApiError(404, "model_not_found", error.message);
    case "adapter_not_found":
      return new ApiError(404, "adapter_files_not_found", error.message);
    case "already_loaded":
    case "not_loaded":
      return new ApiError(409, error.kind, error.message);
    case "rejected":
      return new ApiError(422, "inference_rejected", error.message);
  }
}
