// The playground's completion: pick the prompt (a sentence through the adapter's job template or
// the base model's, or a raw prompt), ask the server of the model's base model (one vLLM per base
// model), parse the label once with the domain's parser. Streams as SSE when asked.
import { DEFAULT_LABEL_WORDS, DEFAULT_PROMPT_TEMPLATE, type PlaygroundCompletionBody, type PlaygroundCompletionResponse } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { z } from "zod";
import { parseLabel, type LabelWords } from "@loraboard/domain";
import { ApiError } from "@/server/api-error";
import { findAdapterByName } from "@/features/adapters/server/adapters";
import { inferenceFor, listServedModels, toApiError } from "@/features/adapters/server/inference-client";
import { type InferenceClient } from "@loraboard/inference";
import { buildPrompt } from "../lib/build-prompt";

const LabelWordsColumn = z.record(z.string(), z.string().min(1));

interface ResolvedModel {
  model: string;
  template: string;
  labelWords: LabelWords;
  kind: "adapter" | "base";
  baseModelId: string;
  /** The server of its base model. */
  client: InferenceClient;
}

async function resolveModel(model: string): Promise<ResolvedModel> {
  const adapter = await findAdapterByName(model);
  if (adapter) {
    const words = LabelWordsColumn.safeParse(adapter.job.labelWords);
    return {
      model,
      kind: "adapter",
      template: adapter.job.promptTemplate,
      labelWords: words.success && Object.keys(words.data).length >= 2 ? words.data : { ...DEFAULT_LABEL_WORDS },
      baseModelId: adapter.baseModelId,
      client: inferenceFor(adapter.baseModel),
    };
  }
  const baseModel = await getDb().baseModel.findUnique({ where: { id: model } });
  if (baseModel) {
    const words = LabelWordsColumn.safeParse(baseModel.labelWords);
    return {
      model,
      kind: "base",
      template: baseModel.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE,
      labelWords: words.success && Object.keys(words.data).length >= 2 ? words.data : { ...DEFAULT_LABEL_WORDS },
      baseModelId: baseModel.id,
      client: inferenceFor(baseModel),
    };
  }
  throw new ApiError(404, "model_not_found", `The model \`${model}\` is neither an adapter nor a base model: pick one from GET /api/adapters or GET /api/base-models.`);
}

/** An adapter is compared only with its own base model, and asked only on that model's server. */
async function checkServer(body: PlaygroundCompletionBody, resolved: ResolvedModel) {
  if (body.baseModelId && body.baseModelId !== resolved.baseModelId) {
    throw new ApiError(
      422,
      "base_model_mismatch",
      resolved.kind === "adapter"
        ? `The adapter \`${resolved.model}\` was trained on ${resolved.baseModelId}, not ${body.baseModelId}: compare it with its own base model.`
        : `\`${resolved.model}\` is a base model of its own, not ${body.baseModelId}: leave baseModelId out for a base model.`,
      [{ field: "baseModelId", message: `pick ${resolved.baseModelId}, the adapter's base model` }],
    );
  }
  const { models } = await listServedModels(resolved.client.baseUrl);
  // A server that does not answer is reported by the completion itself (503).
  if (models && !models.some((served) => !served.parent && served.id === resolved.baseModelId)) {
    const bases = models.filter((served) => !served.parent).map((served) => served.id);
    throw new ApiError(
      409,
      "inference_server_mismatch",
      `${resolved.baseModelId}'s inference server (${resolved.client.baseUrl}) serves ${bases.join(", ") || "no base model"}, not ${resolved.baseModelId}: fix the base model's inferenceUrl or start its own server.`,
    );
  }
}

async function prepare(body: PlaygroundCompletionBody) {
  const resolved = await resolveModel(body.model);
  await checkServer(body, resolved);
  const prompt = buildPrompt(body, resolved.template);
  const request = { model: body.model, prompt, maxTokens: body.maxTokens, temperature: body.temperature };
  const curl = resolved.client.curlFor({ ...request, stream: body.stream });
  return { resolved, prompt, request, curl };
}

function notLoadedError(error: unknown, resolved: ResolvedModel): unknown {
  const apiError = toApiError(error, resolved.client.baseUrl);
  if (apiError instanceof ApiError && apiError.status === 404 && resolved.kind === "adapter") {
    return new ApiError(404, "model_not_found", `The adapter \`${resolved.model}\` is not loaded on the inference server: load it on the Adapters page.`);
  }
  return apiError;
}

export async function completeOnce(body: PlaygroundCompletionBody): Promise<PlaygroundCompletionResponse> {
  const { resolved, prompt, request, curl } = await prepare(body);
  try {
    const result = await resolved.client.complete(request);
    return { text: result.text, label: parseLabel(result.text, resolved.labelWords), model: body.model, prompt, curl };
  } catch (error) {
    throw notLoadedError(error, resolved);
  }
}

/**
 * SSE: `event: prompt` {prompt}, then `data: {"text"}` per delta, then `event: done` with the full
 * response (or `event: error` {code, message}). Errors before the first delta (unknown model,
 * server down) are thrown so the route answers them with their HTTP status.
 */
export async function completeStream(body: PlaygroundCompletionBody, signal: AbortSignal): Promise<Response> {
  const { resolved, prompt, request, curl } = await prepare(body);
  const deltas = resolved.client.streamCompletion({ ...request, signal });
  let first: IteratorResult<string, void>;
  try {
    first = await deltas.next();
  } catch (error) {
    throw notLoadedError(error, resolved);
  }
  const encoder = new TextEncoder();
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, data: unknown, event?: string) =>
    controller.enqueue(encoder.encode(`${event ? `event: ${event}\n` : ""}data: ${JSON.stringify(data)}\n\n`));
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let text = "";
      send(controller, { prompt, curl }, "prompt");
      try {
        if (!first.done) {
          text += first.value;
          send(controller, { text: first.value });
          for await (const delta of { [Symbol.asyncIterator]: () => deltas }) {
            text += delta;
            send(controller, { text: delta });
          }
        }
        const done: PlaygroundCompletionResponse = { text, label: parseLabel(text, resolved.labelWords), model: body.model, prompt, curl };
        send(controller, done, "done");
      } catch (error) {
        if (!signal.aborted) {
          const apiError = notLoadedError(error, resolved);
          const message = apiError instanceof Error ? apiError.message : "The completion stopped.";
          const code = apiError instanceof ApiError ? apiError.code : "inference_error";
          send(controller, { code, message }, "error");
        }
      }
      controller.close();
    },
    async cancel() {
      await deltas.return(undefined);
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
  });
}
