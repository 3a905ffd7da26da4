// The queue contract, in one place: queue names, payload schemas and the queue→payload map.
// Payloads carry ids only; the worker reloads the row. New fields are added as optional.
import { z } from "zod";

export const QueueName = {
  train: "train",
  evaluate: "evaluate",
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const TrainJobPayload = z.object({ trainingJobId: z.string().min(1) });
export type TrainJobPayload = z.infer<typeof TrainJobPayload>;

export const EvaluateJobPayload = z.object({ evaluationId: z.string().min(1) });
export type EvaluateJobPayload = z.infer<typeof EvaluateJobPayload>;

export const QueuePayloadSchemas = {
  [QueueName.train]: TrainJobPayload,
  [QueueName.evaluate]: EvaluateJobPayload,
} as const;

export type QueuePayloads = {
  [Q in QueueName]: z.infer<(typeof QueuePayloadSchemas)[Q]>;
};

/** Prefix of the keys live workers refresh; /api/health counts them. */
export const WORKER_HEARTBEAT_PREFIX = "loraboard:workers:";
export const WORKER_HEARTBEAT_TTL_SECONDS = 15;
