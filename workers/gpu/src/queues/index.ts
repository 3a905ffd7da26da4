// Every queue consumer, registered in one place with its concurrency.
import { Worker, type Processor } from "bullmq";
import type { Redis } from "ioredis";
import type { WorkerEnv } from "@loraboard/contracts";
import { QueueName, QueuePayloadSchemas, type QueuePayloads } from "@loraboard/queue";
import { processTrainJob } from "./train";
import { processEvaluateJob } from "./evaluate";

export interface ConsumerContext {
  connection: Redis;
  env: WorkerEnv;
  trainConcurrency: number;
}

function consume<Q extends QueueName>(
  name: Q,
  concurrency: number,
  context: ConsumerContext,
  process: (payload: QueuePayloads[Q], job: Parameters<Processor>[0], context: ConsumerContext) => Promise<unknown>,
) {
  const worker = new Worker(
    name,
    // A payload that breaks the contract fails the job with the schema's message, not a crash.
    async (job) => process(QueuePayloadSchemas[name].parse(job.data) as QueuePayloads[Q], job, context),
    { connection: context.connection, concurrency },
  );
  worker.on("failed", (job, error) => console.error(`[worker] ${name} ${job?.id} failed: ${error.message}`));
  worker.on("error", (error) => console.error(`[worker] ${name}: ${error.message}`));
  return worker;
}

export function registerConsumers(context: ConsumerContext) {
  return [
    consume(QueueName.train, context.trainConcurrency, context, processTrainJob),
    consume(QueueName.evaluate, 1, context, processEvaluateJob),
  ];
}
