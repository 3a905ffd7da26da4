// Webhooks (apps/web/src/features/webhooks, workers/gpu/src/webhooks): a person's URLs that get a
// signed POST when a job or evaluation they started changes status. docs/webhooks.md.
import { z } from "zod";
import { listResponse } from "./common";
import { JobError, JobStatus } from "./jobs";
import { EvaluationStatus } from "./evaluations";

const JOB_EVENTS = JobStatus.options.map((status) => `job.${status}` as const);
const EVALUATION_EVENTS = EvaluationStatus.options.map((status) => `evaluation.${status}` as const);

/** Every event a webhook can subscribe to: `job.<status>` and `evaluation.<status>`. */
export const WEBHOOK_EVENTS = [...JOB_EVENTS, ...EVALUATION_EVENTS] as const;
export const WebhookEvent = z.enum(WEBHOOK_EVENTS, { error: `expected one of ${WEBHOOK_EVENTS.join(", ")}` });
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** A webhook's signature header, its event and its delivery id (docs/webhooks.md). */
export const WEBHOOK_HEADERS = { signature: "Loraboard-Signature", event: "Loraboard-Event", delivery: "Loraboard-Delivery" } as const;
/** Attempts of one delivery (the first and its retries, with exponential backoff) before it is failed. */
export const WEBHOOK_MAX_ATTEMPTS = 6;
export const MAX_WEBHOOKS_PER_USER = 10;
/** Deliveries GET /api/webhooks/{id}/deliveries answers at most (newest first). */
export const MAX_WEBHOOK_DELIVERIES_SHOWN = 200;

const webhookUrl = z
  .string({ error: "url must be text" })
  .trim()
  .min(1, "url must not be empty")
  .max(2000, "url must be at most 2000 characters")
  .refine((value) => URL.canParse(value), "url must be an absolute URL such as https://example.com/hooks/loraboard")
  .refine((value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol), "url must start with http:// or https://")
  .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), "url must not carry a user name or password");

/** POST /api/webhooks. */
export const CreateWebhookBody = z.object({
  url: webhookUrl,
  secret: z
    .string({ error: "secret must be text" })
    .min(16, "secret must be at least 16 characters")
    .max(200, "secret must be at most 200 characters")
    .optional()
    .describe("Signs every delivery (HMAC-SHA256). Absent: one is generated and shown in the answer, once."),
  events: z
    .array(WebhookEvent)
    .min(1, "events must list at least one event, or be left out for all of them")
    .optional()
    .describe("The events to receive; absent: all of them."),
});
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const WebhookDeliveryStatus = z.enum(["pending", "succeeded", "failed"]);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

export const WebhookSummary = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  createdAt: z.string(),
  lastDelivery: z
    .object({ status: WebhookDeliveryStatus, event: z.string(), createdAt: z.string() })
    .nullable()
    .describe("The newest delivery, null before the first."),
});
export type WebhookSummary = z.infer<typeof WebhookSummary>;
export const WebhookListResponse = listResponse(WebhookSummary);

export const CreatedWebhook = WebhookSummary.extend({
  secret: z.string().describe("The signing secret, shown this once."),
});
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;

// What a delivery POSTs (its JSON body): the same envelope for every event.
const WebhookJob = z.object({
  id: z.string(),
  name: z.string(),
  status: JobStatus,
  adapterName: z.string(),
  datasetId: z.string(),
  baseModelId: z.string(),
  error: JobError.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
const WebhookEvaluation = z.object({
  id: z.string(),
  status: EvaluationStatus,
  model: z.string(),
  jobId: z.string().nullable(),
  datasetId: z.string(),
  split: z.enum(["train", "val", "test"]),
  accuracy: z.number().nullable().describe("Accuracy with invalid answers counted wrong, once succeeded."),
  macroF1: z.number().nullable(),
  error: JobError.nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
const envelope = {
  id: z.string().describe("The delivery's id (also the Loraboard-Delivery header): the same on every retry."),
  createdAt: z.string().describe("When the event happened."),
};
export const WebhookPayload = z.discriminatedUnion("type", [
  z.object({ ...envelope, type: z.literal("job"), event: z.enum(JOB_EVENTS), data: z.object({ job: WebhookJob }) }),
  z.object({ ...envelope, type: z.literal("evaluation"), event: z.enum(EVALUATION_EVENTS), data: z.object({ evaluation: WebhookEvaluation }) }),
  z.object({ ...envelope, type: z.literal("ping"), event: z.literal("ping"), data: z.object({ webhookId: z.string(), message: z.string() }) }),
]);
export type WebhookPayload = z.infer<typeof WebhookPayload>;
export type WebhookJobData = z.infer<typeof WebhookJob>;
export type WebhookEvaluationData = z.infer<typeof WebhookEvaluation>;

export const WebhookDelivery = z.object({
  id: z.string(),
  webhookId: z.string(),
  event: z.string(),
  status: WebhookDeliveryStatus,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable().describe("The HTTP status of the last attempt; null when it got no answer."),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).describe("The body sent (WebhookPayload)."),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryListResponse = listResponse(WebhookDelivery);

export const WebhookDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_WEBHOOK_DELIVERIES_SHOWN).default(50),
});
