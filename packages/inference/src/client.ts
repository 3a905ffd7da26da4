// A typed client of the OpenAI-compatible inference server (vLLM, or `lora_trainer serve` on the
// CPU): completions, chat and streaming go through the openai SDK (timeouts, retries of
// connection errors and 5xx); vLLM's own routes (adapter load/unload, models, health) through
// fetch. Every failure becomes an InferenceError with a kind the callers switch on.
import OpenAI from "openai";

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

const DEFAULT_TIMEOUT_MS = 120_000;
const CONTROL_TIMEOUT_MS = 60_000;

export class InferenceClient {
  readonly baseUrl: string;
  private readonly openai: OpenAI;
  private readonly maxRetries: number;

  constructor(options: InferenceClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
    this.maxRetries = options.maxRetries ?? 2;
    this.openai = new OpenAI({
      apiKey: options.apiKey ?? "not-needed",
      baseURL: `${this.baseUrl}/v1`,
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: this.maxRetries,
    });
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    try {
      const response = await this.openai.completions.create(
        {
          model: request.model,
          prompt: request.prompt,
          max_tokens: request.maxTokens ?? 16,
          temperature: request.temperature ?? 0,
          ...(request.stop ? { stop: request.stop } : {}),
        },
        { signal: request.signal },
      );
      const choice = response.choices[0];
      return {
        text: choice?.text ?? "",
        finishReason: choice?.finish_reason ?? null,
        promptTokens: response.usage?.prompt_tokens ?? null,
        completionTokens: response.usage?.completion_tokens ?? null,
      };
    } catch (error) {
      throw this.translate(error, request.model);
    }
  }

  /** Text deltas as the server produces them. Errors before the first delta are InferenceErrors. */
  async *streamCompletion(request: CompletionRequest): AsyncGenerator<string, void, undefined> {
    let stream;
    try {
      stream = await this.openai.completions.create(
        {
          model: request.model,
          prompt: request.prompt,
          max_tokens: request.maxTokens ?? 16,
          temperature: request.temperature ?? 0,
          stream: true,
          ...(request.stop ? { stop: request.stop } : {}),
        },
        { signal: request.signal },
      );
    } catch (error) {
      throw this.translate(error, request.model);
    }
    try {
      for await (const chunk of stream) {
        const text = chunk.choices[0]?.text;
        if (text) yield text;
      }
    } catch (error) {
      throw this.translate(error, request.model);
    }
  }

  async chat(request: ChatRequest): Promise<CompletionResult> {
    try {
      const response = await this.openai.chat.completions.create(
        {
          model: request.model,
          messages: request.messages,
          max_tokens: request.maxTokens ?? 64,
          temperature: request.temperature ?? 0,
        },
        { signal: request.signal },
      );
      const choice = response.choices[0];
      return {
        text: choice?.message?.content ?? "",
        finishReason: choice?.finish_reason ?? null,
        promptTokens: response.usage?.prompt_tokens ?? null,
        completionTokens: response.usage?.completion_tokens ?? null,
      };
    } catch (error) {
      throw this.translate(error, request.model);
    }
  }

  async *streamChat(request: ChatRequest): AsyncGenerator<string, void, undefined> {
    let stream;
    try {
      stream = await this.openai.chat.completions.create(
        {
          model: request.model,
          messages: request.messages,
          max_tokens: request.maxTokens ?? 64,
          temperature: request.temperature ?? 0,
          stream: true,
        },
        { signal: request.signal },
      );
    } catch (error) {
      throw this.translate(error, request.model);
    }
    try {
      for await (const chunk of stream) {
        const text = chunk.choices[0]?.delta?.content;
        if (text) yield text;
      }
    } catch (error) {
      throw this.translate(error, request.model);
    }
  }

  /** Loads a peft adapter directory under `name` (vLLM: needs VLLM_ALLOW_RUNTIME_LORA_UPDATING). */
  async loadAdapter(name: string, path: string): Promise<void> {
    const response = await this.control("/v1/load_lora_adapter", { lora_name: name, lora_path: path });
    if (response.ok) return;
    const message = await readErrorMessage(response);
    if (response.status === 404) {
      throw new InferenceError("adapter_not_found", `No adapter was found at ${path}: ${message}`, 404);
    }
    if (response.status === 400 && /already/i.test(message)) {
      throw new InferenceError("already_loaded", `The adapter ${name} is already loaded.`, 400);
    }
    if (response.status >= 500) throw new InferenceError("unavailable", `The inference server failed to load ${name}: ${message}`, response.status);
    throw new InferenceError("rejected", `The inference server refused to load ${name}: ${message}`, response.status);
  }

  async unloadAdapter(name: string): Promise<void> {
    const response = await this.control("/v1/unload_lora_adapter", { lora_name: name });
    if (response.ok) return;
    const message = await readErrorMessage(response);
    if (response.status === 404) throw new InferenceError("not_loaded", `The adapter ${name} is not loaded: ${message}`, 404);
    if (response.status >= 500) throw new InferenceError("unavailable", `The inference server failed to unload ${name}: ${message}`, response.status);
    throw new InferenceError("rejected", `The inference server refused to unload ${name}: ${message}`, response.status);
  }

  async listModels(): Promise<ServedModel[]> {
    const response = await this.fetchWithRetries("/v1/models", { method: "GET" }, CONTROL_TIMEOUT_MS);
    if (!response.ok) {
      throw new InferenceError("unavailable", `GET /v1/models answered ${response.status}: ${await readErrorMessage(response)}`, response.status);
    }
    const body = (await response.json()) as {
      data?: { id: string; root?: string | null; parent?: string | null; max_model_len?: number | null }[];
    };
    return (body.data ?? []).map((model) => ({
      id: model.id,
      root: model.root ?? null,
      parent: model.parent ?? null,
      maxModelLen: typeof model.max_model_len === "number" ? model.max_model_len : null,
    }));
  }

  /** True when GET /health answers 200 within `timeoutMs`; never throws. */
  async isHealthy(timeoutMs = 2000): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel().catch(() => undefined);
      return response.ok;
    } catch {
      return false;
    }
  }

  /** The curl command of a completion request, for people who want to call the server directly. */
  curlFor(request: CompletionRequest & { stream?: boolean }): string {
    const body = JSON.stringify({
      model: request.model,
      prompt: request.prompt,
      max_tokens: request.maxTokens ?? 16,
      temperature: request.temperature ?? 0,
      ...(request.stream ? { stream: true } : {}),
    });
    return `curl ${this.baseUrl}/v1/completions -H 'Content-Type: application/json' -d '${body.replace(/'/g, "'\\''")}'`;
  }

  private control(path: string, body: object): Promise<Response> {
    // Not retried on an answer: a load that timed out may have succeeded; the caller reconciles.
    return this.fetchWithRetries(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }, CONTROL_TIMEOUT_MS);
  }

  /** Retries connection failures only (never an HTTP answer), with a short backoff. */
  private async fetchWithRetries(path: string, init: RequestInit, timeoutMs: number): Promise<Response> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.maxRetries; attempt += 1) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
      try {
        return await fetch(`${this.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        lastError = error;
        if ((error as Error).name === "TimeoutError") break;
      }
    }
    throw new InferenceError("unavailable", `The inference server at ${this.baseUrl} is not reachable (${describe(lastError)}).`);
  }

  private translate(error: unknown, model: string): unknown {
    if (error instanceof InferenceError) return error;
    if (error instanceof OpenAI.APIUserAbortError) return error;
    if (error instanceof OpenAI.APIConnectionError) {
      return new InferenceError("unavailable", `The inference server at ${this.baseUrl} is not reachable (${error.message}).`);
    }
    if (error instanceof OpenAI.APIError) {
      const status = error.status;
      if (status === 404) return new InferenceError("unknown_model", `The model \`${model}\` does not exist on the inference server.`, 404);
      if (status !== undefined && status >= 500) return new InferenceError("unavailable", `The inference server failed: ${error.message}`, status);
      return new InferenceError("rejected", `The inference server refused the request: ${error.message}`, status);
    }
    return error;
  }
}

async function readErrorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string; detail?: unknown };
    if (typeof body.error === "string") return body.error;
    if (body.error?.message) return body.error.message;
    if (body.message) return body.message;
    if (body.detail) return typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
  } catch {
    // plain text
  }
  return text.trim() || `HTTP ${response.status}`;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
