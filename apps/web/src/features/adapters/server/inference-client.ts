// The web app's one inference client (INFERENCE_URL), and how its errors map to API errors.
import { InferenceClient, InferenceError } from "@loraboard/inference";
import { ApiError } from "@/server/api-error";
import { getWebEnv } from "@/server/env";

let cached: InferenceClient | undefined;

export function getInferenceClient(): InferenceClient {
  cached ??= new InferenceClient({ baseUrl: getWebEnv().INFERENCE_URL, maxRetries: 1, timeoutMs: 120_000 });
  return cached;
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
