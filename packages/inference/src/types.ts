// The inference client's types and its one error class, kept apart so client.ts stays readable.
export type InferenceErrorKind =
  /** The server is not reachable, timed out, or answered 5xx/503. */
  | "unavailable"
  /** `model` names neither the base model nor a loaded adapter (404). */
  | "unknown_model"
  /** load: the name is already loaded (400). */
  | "already_loaded"
  /** load: no adapter at that path (404). */
  | "adapter_not_found"
  /** unload: no adapter loaded under that name (404). */
  | "not_loaded"
  /** The server does not serve the model's base model: its URL points at another base model's server. */
  | "server_mismatch"
  /** Any other 4xx: missing fields, rank above --max-lora-rank, runtime loading disabled. */
  | "rejected";

export class InferenceError extends Error {
  constructor(
    readonly kind: InferenceErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "InferenceError";
  }
}

export interface InferenceClientOptions {
  /** e.g. http://127.0.0.1:8000 (without /v1). */
  baseUrl: string;
  /** Per request, in ms. Generation on the CPU is slow: keep it generous. */
  timeoutMs?: number;
  /** Retries of connection errors, timeouts, 408/409/429/5xx (the SDK's policy). */
  maxRetries?: number;
  apiKey?: string;
}

export interface CompletionRequest {
  model: string;
  prompt: string;
  maxTokens?: number;
  temperature?: number;
  stop?: string[];
  signal?: AbortSignal;
}

export interface ChatRequest {
  model: string;
  messages: { role: "system" | "user" | "assistant"; content: string }[];
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

export interface CompletionResult {
  text: string;
  finishReason: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

export interface ServedModel {
  /** The base model's served name, or an adapter's lora_name. */
  id: string;
  /** The base model's path (or name) / the adapter's path. */
  root: string | null;
  /** null for the base model; the base model's name for an adapter. */
  parent: string | null;
  /** The served context in tokens (vLLM's max_model_len), prompt and completion together; null when not said. */
  maxModelLen: number | null;
}
