// Which inference server answers for a model name (an adapter's or a base model's id): the server
// of its base model. Evaluations send hundreds of requests per model, so the answer is kept a
// minute per name (a base model's server changes only when the settings change and it restarts).
import type { Db } from "@loraboard/db/server";
import { InferenceError, type InferenceClient, type InferenceServers } from "@loraboard/inference";

const TTL_MS = 60_000;

export function createModelRouter(db: Db, servers: InferenceServers) {
  const cache = new Map<string, { at: number; client: Promise<InferenceClient> }>();
  return async function clientForModel(model: string): Promise<InferenceClient> {
    const cached = cache.get(model);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.client;
    const client = servers.resolveModel(db, model).then((resolved) => {
      // 404, as the server itself would answer: not retried as a refusal, waited out like one.
      if (!resolved) throw new InferenceError("unknown_model", `${model} is neither an adapter nor a base model.`, 404);
      return resolved.client;
    });
    cache.set(model, { at: Date.now(), client });
    client.catch(() => cache.delete(model));
    return client;
  };
}
