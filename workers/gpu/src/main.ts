// The GPU worker process: validates its settings, connects to Redis and Postgres, registers one
// consumer per queue, reports liveness, and shuts down cleanly on SIGTERM/SIGINT (running trainers
// checkpoint and their jobs go back to the queue).
import os from "node:os";
import { WorkerEnv, loadEnvOrExit } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { JOB_CONTROL_CHANNEL, createRedis } from "@loraboard/queue/server";
import { startHeartbeat } from "./heartbeat";
import { registerConsumers } from "./queues";
import { createDockerRuntime } from "./training/docker-runtime";
import { GpuPool } from "./training/gpu-pool";
import { createProcessRuntime } from "./training/process-runtime";

const env = loadEnvOrExit(WorkerEnv);
const workerId = env.WORKER_ID ?? `${os.hostname()}-${process.pid}`;
const gpuIds = env.GPU_IDS ? env.GPU_IDS.split(",") : [];
// One training job per GPU; CPU mode runs one at a time.
const trainConcurrency = Math.max(1, gpuIds.length);

const connection = createRedis(env.REDIS_URL, { forWorker: true });
const commands = createRedis(env.REDIS_URL, { forWorker: true });
const subscriber = createRedis(env.REDIS_URL, { forWorker: true });
for (const [name, redis] of Object.entries({ connection, commands, subscriber })) {
  redis.on("error", (error) => console.error(`[worker] redis (${name}): ${error.message}`));
}
await subscriber.subscribe(JOB_CONTROL_CHANNEL);

let isShuttingDown = false;
const runtime =
  env.TRAINER_RUNTIME === "docker"
    ? createDockerRuntime({ image: env.TRAINER_IMAGE, dockerHost: process.env.DOCKER_HOST })
    : createProcessRuntime(env.PYTHON_BIN);

const consumers = registerConsumers({
  connection,
  env,
  trainConcurrency,
  training: {
    db: getDb(),
    redis: commands,
    subscriber,
    dataDir: env.DATA_DIR,
    runtime,
    gpuPool: new GpuPool(gpuIds),
    isShuttingDown: () => isShuttingDown,
  },
});
const heartbeat = startHeartbeat(commands, workerId, {
  pid: process.pid,
  host: os.hostname(),
  gpus: gpuIds,
  runtime: env.TRAINER_RUNTIME,
});
console.log(
  `[worker] ${workerId} ready: queues ${consumers.map((c) => c.name).join(", ")}; ` +
    `${gpuIds.length ? `GPUs ${gpuIds.join(",")}` : "CPU mode"}, trainer runtime ${env.TRAINER_RUNTIME}`,
);

async function shutdown(signal: string) {
  if (isShuttingDown) return;
  isShuttingDown = true;
  console.log(`[worker] ${signal}: stopping trainers at a checkpoint and closing`);
  // close() waits for active jobs, which end once their trainer has checkpointed and exited.
  await Promise.all(consumers.map((consumer) => consumer.close()));
  await heartbeat.stop();
  await Promise.all([connection, commands, subscriber].map((redis) => redis.quit().catch(() => undefined)));
  await getDb().$disconnect();
  console.log("[worker] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
