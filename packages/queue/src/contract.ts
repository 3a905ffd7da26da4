// The queue contract, in one place: queue names, payload schemas and the queue→payload map.
// Payloads carry ids only; the worker reloads the row. New fields are added as optional.
import { z } from "zod";

export const QueueName = {
  train: "train",
  evaluate: "evaluate",
  merge: "merge",
  webhook: "webhook",
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const TrainJobPayload = z.object({ trainingJobId: z.string().min(1) });
export type TrainJobPayload = z.infer<typeof TrainJobPayload>;

export const EvaluateJobPayload = z.object({ evaluationId: z.string().min(1) });
export type EvaluateJobPayload = z.infer<typeof EvaluateJobPayload>;

/** Fold an adapter into its base (the BullMQ job id is the adapter id: one merge per adapter). */
export const MergeModelPayload = z.object({ adapterId: z.string().min(1) });
export type MergeModelPayload = z.infer<typeof MergeModelPayload>;

/** Send one webhook delivery (the BullMQ job id is the delivery id; its retries are BullMQ's). */
export const WebhookDeliveryPayload = z.object({ deliveryId: z.string().min(1) });
export type WebhookDeliveryPayload = z.infer<typeof WebhookDeliveryPayload>;
/** The backoff type of webhook deliveries: the worker computes it from WEBHOOK_RETRY_BASE_SECONDS. */
export const WEBHOOK_BACKOFF = "webhook";

export const QueuePayloadSchemas = {
  [QueueName.train]: TrainJobPayload,
  [QueueName.evaluate]: EvaluateJobPayload,
  [QueueName.merge]: MergeModelPayload,
  [QueueName.webhook]: WebhookDeliveryPayload,
} as const;

/** Where an adapter's merged model lives once complete; the merge writes a hidden sibling first. */
export const mergedModelDir = (dataDir: string, adapterName: string) => `${dataDir.replace(/\/+$/, "")}/merged/${adapterName}`;

export type QueuePayloads = {
  [Q in QueueName]: z.infer<(typeof QueuePayloadSchemas)[Q]>;
};

/** Prefix of the keys live workers refresh; /api/health counts them, /api/workers lists them. */
export const WORKER_HEARTBEAT_PREFIX = "loraboard:workers:";
export const WORKER_HEARTBEAT_TTL_SECONDS = 15;

/** What a worker's heartbeat key holds: the new-job form tells from `gpus` where a job will train. */
export const WorkerHeartbeat = z.object({
  pid: z.number().int().optional(),
  host: z.string().optional(),
  /** The GPUs it trains on (GPU_IDS); empty in CPU mode. */
  gpus: z.array(z.string()).default([]),
  runtime: z.string().optional(),
  /** When it was written (ISO 8601). */
  at: z.string().optional(),
});
export type WorkerHeartbeat = z.infer<typeof WorkerHeartbeat>;
