// Liveness: each worker refreshes a key with a short TTL; /api/health counts the keys that exist, and
// /api/workers lists them with their GPUs (the new-job form says from it where a job will train).
import type { Redis } from "ioredis";
import { WORKER_HEARTBEAT_PREFIX, WORKER_HEARTBEAT_TTL_SECONDS, type WorkerHeartbeat } from "@loraboard/queue";

export function startHeartbeat(redis: Redis, workerId: string, info: Omit<WorkerHeartbeat, "at">) {
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
