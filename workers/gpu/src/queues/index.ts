// Every queue consumer, registered in one place with its concurrency.
import { Worker, type Job, type WorkerOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { WorkerEnv } from "@loraboard/contracts";
import { QueueName, QueuePayloadSchemas, type QueuePayloads } from "@loraboard/queue";
import type { EvaluationContext } from "../evaluation/run-evaluation";
import type { TrainingContext } from "../training/run-training-job";
import { processTrainJob } from "./train";
import { processEvaluateJob } from "./evaluate";
import type { LostLocks } from "./lost-locks";
import { processMergeJob } from "./merge";
import { processWebhookJob } from "./webhook";
import { webhookBackoff, type WebhookContext } from "../webhooks/send-delivery";

export interface ConsumerContext {
  connection: Redis;
  env: WorkerEnv;
  trainConcurrency: number;
  training: TrainingContext;
  evaluation: EvaluationContext;
  webhooks: WebhookContext;
  /** Told when BullMQ could not renew a job's lock (training stops its trainer then). */
  lostLocks?: LostLocks;
}

type Processor<Q extends QueueName> = (
  payload: QueuePayloads[Q],
  job: Job,
  context: ConsumerContext,
  token?: string,
) => Promise<unknown>;

function consume<Q extends QueueName>(
  name: Q,
  concurrency: number,
  context: ConsumerContext,
  process: Processor<Q>,
  settings?: WorkerOptions["settings"],
) {
  const worker = new Worker(
    name,
    // A payload that breaks the contract fails the job with the schema's message, not a crash.
    async (job, token) => process(QueuePayloadSchemas[name].parse(job.data) as QueuePayloads[Q], job, context, token),
    {
      connection: context.connection,
      concurrency,
      // A worker killed mid-job (even by SIGKILL) loses its lock; after this long another worker
      // (or this one, restarted) takes the job again and the trainer resumes from its checkpoint.
      lockDuration: 30_000,
      stalledInterval: 15_000,
      maxStalledCount: 5,
      settings,
    },
  );
  worker.on("failed", (job, error) => console.error(`[worker] ${name} ${job?.id} failed: ${error.message}`));
  worker.on("lockRenewalFailed", (jobIds) => {
    console.error(`[worker] ${name}: lost the lock of ${jobIds.join(", ")}; another worker may have taken ${jobIds.length === 1 ? "it" : "them"}`);
    context.lostLocks?.report(jobIds);
  });
  worker.on("error", (error) => console.error(`[worker] ${name}: ${error.message}`));
  return worker;
}

export function registerConsumers(context: ConsumerContext) {
  return [
    consume(QueueName.train, context.trainConcurrency, context, processTrainJob),
    // One evaluation at a time per worker: its requests already run concurrently inside.
    consume(QueueName.evaluate, 1, context, processEvaluateJob),
    // One merge at a time: it holds a whole model in memory.
    consume(QueueName.merge, 1, context, processMergeJob),
    // Deliveries wait on other servers, not on this machine: several at once.
    consume(QueueName.webhook, 4, context, processWebhookJob, { backoffStrategy: webhookBackoff(context.webhooks.retryBaseSeconds) }),
  ];
}
