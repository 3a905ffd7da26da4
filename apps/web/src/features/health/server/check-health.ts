import type { HealthResponse, InferenceServerHealth } from "@loraboard/contracts";
import { countLiveWorkers, isRedisUp } from "@loraboard/queue/server";
import { getDb, isDatabaseUp } from "@loraboard/db/server";
import { getInferenceServers, listServedModels } from "@/features/adapters/server/inference-client";
import { getWebEnv } from "@/server/env";

/** Every base model's server: /health (2 s at most), then what it serves. Null without Postgres. */
async function checkInferenceServers(isPostgresUp: boolean): Promise<InferenceServerHealth[] | null> {
  if (!isPostgresUp) return null;
  const clients = getInferenceServers();
  const servers = await clients.listServers(getDb()).catch(() => null);
  if (!servers) return null;
  return Promise.all(
    servers.map(async ({ baseModelId, url, client }) => {
      // Only a server that answers /health is asked what it serves: probes must not wait on a hung one.
      const ok = await client.isHealthy(2000);
      const models = ok ? ((await listServedModels(url)).models ?? []) : [];
      return { baseModelId, url, ok, models: models.map((model) => model.id) };
    }),
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
