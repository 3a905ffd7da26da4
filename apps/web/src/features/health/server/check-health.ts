import type { HealthResponse } from "@loraboard/contracts";
import { isDatabaseUp } from "@loraboard/db/server";
import { countLiveWorkers, isRedisUp } from "@loraboard/queue/server";
import { getWebEnv } from "@/server/env";

async function isInferenceUp(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL("/health", baseUrl), { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

export async function checkHealth(): Promise<HealthResponse> {
  const [postgres, redis, inference] = await Promise.all([
    isDatabaseUp(),
    isRedisUp(),
    isInferenceUp(getWebEnv().INFERENCE_URL),
  ]);
  const workers = redis ? await countLiveWorkers().catch(() => 0) : 0;
  const isHealthy = postgres && redis && inference && workers > 0;
  return {
    status: isHealthy ? "ok" : "degraded",
    postgres: postgres ? "ok" : "down",
    redis: redis ? "ok" : "down",
    inference: inference ? "ok" : "down",
    workers,
  };
}
