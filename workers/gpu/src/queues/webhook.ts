// `webhook` consumer: sends one delivery (the job id is the delivery id; retries are BullMQ's).
import type { Job } from "bullmq";
import type { WebhookDeliveryPayload } from "@loraboard/queue";
import { sendWebhookDelivery } from "../webhooks/send-delivery";
import type { ConsumerContext } from "./index";

export async function processWebhookJob(payload: WebhookDeliveryPayload, job: Job, context: ConsumerContext) {
  const isLastTry = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  await sendWebhookDelivery(context.webhooks, payload.deliveryId, isLastTry);
}
