// Builds what the worker's training runner needs, against the test Postgres, Redis and DATA_DIR,
// with the real Python trainer as a local process.
import path from "node:path";
import { getDb, type Db } from "@loraboard/db/server";
import { JOB_CONTROL_CHANNEL, createRedis } from "@loraboard/queue/server";
import type { TrainingContext } from "../../workers/gpu/src/training/run-training-job";
import { GpuPool } from "../../workers/gpu/src/training/gpu-pool";
import { createProcessRuntime } from "../../workers/gpu/src/training/process-runtime";

export const PYTHON_BIN = path.resolve(import.meta.dirname, "../../.venv/bin/python");

export async function createTrainingContext(overrides: Partial<TrainingContext> = {}) {
  const redis = createRedis(process.env.REDIS_URL!, { forWorker: true });
  const subscriber = createRedis(process.env.REDIS_URL!, { forWorker: true });
  await subscriber.subscribe(JOB_CONTROL_CHANNEL);
  const context: TrainingContext = {
    db: getDb(),
    redis,
    subscriber,
    dataDir: process.env.DATA_DIR!,
    runtime: createProcessRuntime(PYTHON_BIN),
    gpuPool: new GpuPool([]),
    isShuttingDown: () => false,
    ...overrides,
  };
  return {
    context,
    async close() {
      await Promise.all([redis.quit(), subscriber.quit()]);
    },
  };
}

/** Small, quick settings for the demo model: a few optimizer steps on a 60-row set. */
export const QUICK_HYPERPARAMETERS = {
  loraR: 8,
  loraAlpha: 16,
  loraDropout: 0,
  targetModules: ["q_proj", "v_proj"],
  learningRate: 2e-3,
  epochs: 1,
  batchSize: 8,
  gradientAccumulationSteps: 1,
  maxLength: 64,
  evalSteps: 2,
  seed: 42,
};

let jobCounter = 0;
export async function createTrainingJobRow(datasetId: string, options: { hyperparameters?: object; baseModelId?: string; db?: Db } = {}) {
  jobCounter += 1;
  return (options.db ?? getDb()).trainingJob.create({
    data: {
      name: `worker test ${jobCounter}`,
      datasetId,
      baseModelId: options.baseModelId ?? "demo-tiny-zh",
      hyperparameters: { ...QUICK_HYPERPARAMETERS, ...options.hyperparameters },
      promptTemplate: "<s>[INST] 请判断下面商品评论的情感（积极/消极）：评论内容如下：\n{sentence} [/INST]",
      labelWords: { "0": "消极", "1": "积极" },
      adapterName: `worker-test-${Date.now()}-${jobCounter}`,
    },
  });
}
