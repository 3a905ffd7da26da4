// Liveness: each worker refreshes a key with a short TTL; /api/health counts the keys that exist.
import type { Redis } from "ioredis";
import { WORKER_HEARTBEAT_PREFIX, WORKER_HEARTBEAT_TTL_SECONDS } from "@loraboard/queue";

export function startHeartbeat(redis: Redis, workerId: string, info: Record<string, unknown>) {
  const key = `${WORKER_HEARTBEAT_PREFIX}${workerId}`;
  const beat = () =>
    redis
      .set(key, JSON.stringify({ ...info, at: new Date().toISOString() }), "EX", WORKER_HEARTBEAT_TTL_SECONDS)
      .catch((error: Error) => console.error(`[worker] heartbeat failed: ${error.message}`));
  void beat();
  const timer = setInterval(beat, (WORKER_HEARTBEAT_TTL_SECONDS * 1000) / 3);
  return {
    async stop() {
      clearInterval(timer);
      await redis.del(key).catch(() => undefined);
    },
  };
}
