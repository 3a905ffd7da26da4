// Status changes reach webhooks here: each place that writes a job's or an evaluation's status
// calls announceJobStatus / announceEvaluationStatus after the write. A delivery row is written
// per subscribed webhook of the record's creator (the payload fixed now), then its id is queued;
// the worker sends it (workers/gpu/src/webhooks). Announcing never throws: a webhook that cannot
// be told never breaks a job.
import { randomUUID } from "node:crypto";
import {
  WEBHOOK_MAX_ATTEMPTS,
  type EvaluationStatus,
  type JobStatus,
  type WebhookEvaluationData,
  type WebhookJobData,
  type WebhookPayload,
} from "@loraboard/contracts";
import type { Db, Prisma } from "@loraboard/db/server";
import { QueueName, WEBHOOK_BACKOFF } from "../contract";
import { enqueue } from "../server";

const iso = (date: Date | null) => date?.toISOString() ?? null;

function errorOf(value: unknown): { code: string; message: string } | null {
  if (!value || typeof value !== "object") return null;
  const { code, message } = value as { code?: unknown; message?: unknown };
  return typeof message === "string" ? { code: typeof code === "string" ? code : "error", message } : null;
}

/** Queues one delivery for sending, with the retries every delivery gets. */
export function enqueueWebhookDelivery(deliveryId: string) {
  return enqueue(QueueName.webhook, deliveryId, { deliveryId }, { attempts: WEBHOOK_MAX_ATTEMPTS, backoff: { type: WEBHOOK_BACKOFF } });
}

/** A payload without its envelope's id and time (set per delivery), kept per kind of event. */
type PayloadBody = WebhookPayload extends infer P ? (P extends unknown ? Omit<P, "id" | "createdAt"> : never) : never;

/** Writes one delivery row per webhook, then queues each; returns the delivery ids. */
export async function createWebhookDeliveries(db: Db, webhookIds: string[], body: PayloadBody): Promise<string[]> {
  const createdAt = new Date();
  const rows = webhookIds.map((webhookId) => {
    const id = randomUUID();
    const payload = { id, createdAt: createdAt.toISOString(), ...body } as WebhookPayload;
    return { id, webhookId, event: body.event, payload: payload as unknown as Prisma.InputJsonValue, createdAt };
  });
  await db.webhookDelivery.createMany({ data: rows });
  for (const row of rows) await enqueueWebhookDelivery(row.id);
  return rows.map((row) => row.id);
}

async function announce(what: string, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    // Rows already written stay `pending` in the log: the person sees what was not sent.
    console.error(`[webhooks] could not announce ${what}: ${(error as Error).message}`);
  }
}

/** Tells the webhooks of the job's creator that the job is now `status`. */
export function announceJobStatus(db: Db, jobId: string, status: JobStatus): Promise<void> {
  const event = `job.${status}` as const;
  return announce(`${event} of ${jobId}`, async () => {
    const webhooks = await db.webhook.findMany({
      where: { events: { has: event }, user: { jobsCreated: { some: { id: jobId } } } },
      select: { id: true },
    });
    if (webhooks.length === 0) return;
    const job = await db.trainingJob.findUnique({ where: { id: jobId } });
    if (!job) return;
    const data: WebhookJobData = {
      id: job.id,
      name: job.name,
      status,
      adapterName: job.adapterName,
      datasetId: job.datasetId,
      baseModelId: job.baseModelId,
      error: errorOf(job.error),
      createdAt: job.createdAt.toISOString(),
      startedAt: iso(job.startedAt),
      finishedAt: iso(job.finishedAt),
    };
    await createWebhookDeliveries(db, webhooks.map((hook) => hook.id), { type: "job", event, data: { job: data } });
  });
}

/** Tells the webhooks of whoever asked for the evaluation that it is now `status`. */
export function announceEvaluationStatus(db: Db, evaluationId: string, status: EvaluationStatus): Promise<void> {
  const event = `evaluation.${status}` as const;
  return announce(`${event} of ${evaluationId}`, async () => {
    const webhooks = await db.webhook.findMany({
      where: { events: { has: event }, user: { evaluationsCreated: { some: { id: evaluationId } } } },
      select: { id: true },
    });
    if (webhooks.length === 0) return;
    const evaluation = await db.evaluation.findUnique({ where: { id: evaluationId } });
    if (!evaluation) return;
    const metrics = (evaluation.metrics ?? {}) as { accuracy?: unknown; macroF1?: unknown };
    const data: WebhookEvaluationData = {
      id: evaluation.id,
      status,
      model: evaluation.model,
      jobId: evaluation.jobId,
      datasetId: evaluation.datasetId,
      split: evaluation.split,
      accuracy: typeof metrics.accuracy === "number" ? metrics.accuracy : null,
      macroF1: typeof metrics.macroF1 === "number" ? metrics.macroF1 : null,
      error: errorOf(evaluation.error),
      createdAt: evaluation.createdAt.toISOString(),
      startedAt: iso(evaluation.startedAt),
      finishedAt: iso(evaluation.finishedAt),
    };
    await createWebhookDeliveries(db, webhooks.map((hook) => hook.id), { type: "evaluation", event, data: { evaluation: data } });
  });
}
