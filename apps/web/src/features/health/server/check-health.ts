import type { HealthResponse, InferenceServerHealth } from "@loraboard/contracts";
import { isDatabaseUp } from "@loraboard/db/server";
import { countLiveWorkers, isRedisUp } from "@loraboard/queue/server";
import { getInferenceServers, listServerStates } from "@/features/adapters/server/inference-client";
import { getWebEnv } from "@/server/env";

/** Every base model's server: /health, and what it serves. Without Postgres, INFERENCE_URL's alone. */
async function checkInferenceServers(isPostgresUp: boolean): Promise<InferenceServerHealth[] | null> {
  if (!isPostgresUp) return null;
  const servers = await listServerStates().catch(() => null);
  if (!servers) return null;
  const clients = getInferenceServers();
  return Promise.all(
    servers.map(async (server) => ({
      baseModelId: server.baseModelId,
      url: server.url,
      ok: await clients.clientFor(server.url).isHealthy(2000),
      models: server.models?.map((model) => model.id) ?? [],
    })),
  );
}

export async function checkHealth(): Promise<HealthResponse> {
  const [postgres, redis] = await Promise.all([isDatabaseUp(), isRedisUp()]);
  const [servers, isDefaultUp] = await Promise.all([
    checkInferenceServers(postgres),
    getInferenceServers().clientFor(getWebEnv().INFERENCE_URL).isHealthy(2000),
  ]);
  const inference = servers?.length ? servers.every((server) => server.ok) : isDefaultUp;
  const workers = redis ? await countLiveWorkers().catch(() => 0) : 0;
  const isHealthy = postgres && redis && inference && workers > 0;
  return {
    status: isHealthy ? "ok" : "degraded",
    postgres: postgres ? "ok" : "down",
    redis: redis ? "ok" : "down",
    inference: inference ? "ok" : "down",
    workers,
    ...(servers ? { inferenceServers: servers } : {}),
  };
}
