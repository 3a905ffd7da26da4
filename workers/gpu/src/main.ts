// The GPU worker process: validates its settings, connects to Redis and Postgres, registers one
// consumer per queue, reports liveness, and shuts down cleanly on SIGTERM/SIGINT (running trainers
// checkpoint and their jobs go back to the queue).
import os from "node:os";
import { WorkerEnv, loadEnvOrExit } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { createInferenceServers } from "@loraboard/inference";
import { JOB_CONTROL_CHANNEL, createRedis } from "@loraboard/queue/server";
import { startHeartbeat } from "./heartbeat";
import { registerConsumers } from "./queues";
import { LostLocks } from "./queues/lost-locks";
import { finishJobAfterEvaluation, startEvaluationAfterTraining } from "./evaluation/after-training";
import { retryDelays } from "./evaluation/retry-policy";
import { createAdapterServing } from "./serving/adapter-serving";
import { createModelRouter } from "./serving/model-router";
import { createDockerRuntime } from "./training/docker-runtime";
import { GpuPool } from "./training/gpu-pool";
import { createProcessRuntime } from "./training/process-runtime";
import { stopStraysOnCancel, stopStraysOnStart } from "./training/stray-trainers";
import { startStuckJobSweeper } from "./training/stuck-jobs";

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
const EVALUATION_CONCURRENCY = 8;
// Loads each succeeded job's adapter into its base model's server and re-loads every wanted
// adapter after a server restarts (one vLLM per base model).
const serving = createAdapterServing({ db: getDb(), defaultUrl: env.INFERENCE_URL });
// Evaluations ask the server of the evaluated model's base model; the runner does its own retries.
const evaluationServers = createInferenceServers({ defaultUrl: env.INFERENCE_URL, client: { maxRetries: 0 } });
const clientForModel = createModelRouter(getDb(), evaluationServers);
const runtime =
  env.TRAINER_RUNTIME === "docker"
    ? createDockerRuntime({ image: env.TRAINER_IMAGE, dockerHost: process.env.DOCKER_HOST, workerId })
    : createProcessRuntime(env.PYTHON_BIN);

// Containers left running by a killed worker: stopped before this one takes work, and on cancel.
const reportStopped = (reason: string) => (stopped: { jobId: string; attempt: number; workerId: string }[]) => {
  for (const trainer of stopped) {
    console.log(`[worker] stopped a stray trainer (${reason}): job ${trainer.jobId} attempt ${trainer.attempt} of worker ${trainer.workerId || "?"}`);
  }
};
await stopStraysOnStart({ db: getDb(), redis: commands, runtime, workerId })
  .then(reportStopped("on start"))
  .catch((error: Error) => console.error(`[worker] could not look for stray trainers: ${error.message}`));
subscriber.on("message", (channel, message) => {
  if (channel !== JOB_CONTROL_CHANNEL) return;
  let jobId: unknown;
  try {
    jobId = (JSON.parse(message) as { trainingJobId?: unknown }).trainingJobId;
  } catch {
    return;
  }
  if (typeof jobId !== "string") return;
  void stopStraysOnCancel({ runtime, workerId }, jobId)
    .then(reportStopped("job cancelled"))
    .catch((error: Error) => console.error(`[worker] could not stop the trainers of cancelled job ${jobId}: ${error.message}`));
});

// Jobs whose lock BullMQ could not renew: their trainers stop (another worker may have the job).
const lostLocks = new LostLocks();
const consumers = registerConsumers({
  lostLocks,
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
    lostLocks,
    isShuttingDown: () => isShuttingDown,
    // Load the adapter, then evaluate it on the test split (the job shows `evaluating` meanwhile).
    onSucceeded: async (trainingJobId) => {
      await serving.onJobSucceeded(trainingJobId);
      return startEvaluationAfterTraining(getDb(), trainingJobId);
    },
  },
  evaluation: {
    db: getDb(),
    complete: async (request) => (await (await clientForModel(request.model)).complete(request)).text,
    // Its server serves one base model: that context bounds every prompt (adapters do not report their own).
    servedContextLength: async (model) => {
      const served = await (await clientForModel(model)).listModels();
      const lengths = served.flatMap((entry) => (entry.maxModelLen === null ? [] : [entry.maxModelLen]));
      return lengths.length ? Math.min(...lengths) : null;
    },
    retryDelaysMs: retryDelays(env.INFERENCE_RETRY_SECONDS),
    // Enough requests in flight for vLLM to batch them; one at a time would leave it idle.
    concurrency: EVALUATION_CONCURRENCY,
    onFinished: (evaluationId) => finishJobAfterEvaluation(getDb(), commands, evaluationId),
  },
  webhooks: { db: getDb(), allowPrivate: env.WEBHOOK_ALLOW_PRIVATE_URLS, retryBaseSeconds: env.WEBHOOK_RETRY_BASE_SECONDS },
});
serving.start();
// Rows no worker holds any more are queued again or failed (training/stuck-jobs.ts).
const sweeper = startStuckJobSweeper(getDb(), commands);
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
  sweeper.stop();
  await Promise.all(consumers.map((consumer) => consumer.close()));
  await serving.stop();
  await heartbeat.stop();
  await Promise.all([connection, commands, subscriber].map((redis) => redis.quit().catch(() => undefined)));
  await getDb().$disconnect();
  console.log("[worker] stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
