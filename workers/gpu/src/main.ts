// The GPU worker process: validates its settings, connects to Redis, registers one consumer per
// queue, reports liveness, and shuts down cleanly on SIGTERM/SIGINT.
import os from "node:os";
import { WorkerEnv, loadEnvOrExit } from "@loraboard/contracts";
import { createRedis } from "@loraboard/queue/server";
import { startHeartbeat } from "./heartbeat";
import { registerConsumers } from "./queues";

const env = loadEnvOrExit(WorkerEnv);
const workerId = env.WORKER_ID ?? `${os.hostname()}-${process.pid}`;
const gpuIds = env.GPU_IDS ? env.GPU_IDS.split(",") : [];
// One training job per GPU; CPU mode runs one at a time.
const trainConcurrency = Math.max(1, gpuIds.length);

const connection = createRedis(env.REDIS_URL, { forWorker: true });
connection.on("error", (error) => console.error(`[worker] redis: ${error.message}`));

const consumers = registerConsumers({ connection, env, trainConcurrency });
const heartbeat = startHeartbeat(connection, workerId, {
  pid: process.pid,
  host: os.hostname(),
  gpus: gpuIds,
  runtime: env.TRAINER_RUNTIME,
});
console.log(
  `[worker] ${workerId} ready: queues ${consumers.map((c) => c.name).join(", ")}; ` +
    `${gpuIds.length ? `GPUs ${gpuIds.join(",")}` : "CPU mode"}, trainer runtime ${env.TRAINER_RUNTIME}`,
);

let isShuttingDown = false;
async function shutdown(signal: string) {
  if (isShuttingDown) return;
  isShuttingDown = true;
  console.log(`[worker] ${signal}: finishing and closing`);
  await heartbeat.stop();
  await Promise.all(consumers.map((consumer) => consumer.close()));
  await connection.quit().catch(() => undefined);
  console.log("[worker] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
