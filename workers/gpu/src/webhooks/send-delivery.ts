// The `webhook` queue's work: send one delivery, and write what happened onto its log row at every
// attempt. A 2xx answer delivers it; anything else (another status, no answer) throws so that
// BullMQ tries again after the backoff (WEBHOOK_RETRY_BASE_SECONDS, doubling), until the last
// attempt marks it failed. A URL the guard refuses is failed at once: trying again cannot help.
import { UnrecoverableError } from "bullmq";
import { WEBHOOK_HEADERS, WEBHOOK_MAX_ATTEMPTS } from "@loraboard/contracts";
import type { Db } from "@loraboard/db/server";
import { webhookUrlProblem } from "@loraboard/queue/webhooks";
import { postJson } from "./post-json";
import { signWebhookBody } from "./signature";

export interface WebhookContext {
  db: Db;
  allowPrivate: boolean;
  retryBaseSeconds: number;
  timeoutMs?: number;
}

/** BullMQ's custom backoff: the base, then twice as long after each failed attempt. */
export const webhookBackoff = (retryBaseSeconds: number) => (attemptsMade: number) =>
  Math.round(retryBaseSeconds * 1000 * 2 ** Math.max(0, attemptsMade - 1));

const oneLine = (text: string, max = 300) => text.replace(/\s+/g, " ").trim().slice(0, max);

/** `isLastTry`: BullMQ will not run this delivery again whatever happens. */
export async function sendWebhookDelivery(context: WebhookContext, deliveryId: string, isLastTry: boolean) {
  const { db } = context;
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { webhook: true } });
  // Gone with its webhook (deleted), or already done by an earlier run of this entry.
  if (!delivery || delivery.status !== "pending") return;
  const attempt = delivery.attempts + 1;
  const isLast = isLastTry || attempt >= WEBHOOK_MAX_ATTEMPTS;

  const refused = await webhookUrlProblem(delivery.webhook.url, { allowPrivate: context.allowPrivate });
  if (refused) {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "failed", attempts: attempt, lastStatusCode: null, lastError: `refused: ${refused}` } });
    throw new UnrecoverableError(`delivery ${deliveryId} refused: ${refused}`);
  }

  const body = JSON.stringify(delivery.payload);
  const headers = {
    [WEBHOOK_HEADERS.signature]: signWebhookBody(delivery.webhook.secret, body, Math.floor(Date.now() / 1000)),
    [WEBHOOK_HEADERS.event]: delivery.event,
    [WEBHOOK_HEADERS.delivery]: delivery.id,
  };
  let statusCode: number | null = null;
  let problem: string | null = null;
  try {
    const answer = await postJson(delivery.webhook.url, body, headers, { allowPrivate: context.allowPrivate, timeoutMs: context.timeoutMs ?? 10_000 });
    statusCode = answer.statusCode;
    if (statusCode < 200 || statusCode >= 300) {
      const redirect = statusCode >= 300 && statusCode < 400 ? " (redirects are not followed)" : "";
      problem = `HTTP ${statusCode}${redirect}${answer.text ? `: ${oneLine(answer.text)}` : ""}`;
    }
  } catch (error) {
    problem = oneLine((error as Error).message || String(error));
  }

  const status = problem === null ? "succeeded" : isLast ? "failed" : "pending";
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: { status, attempts: attempt, lastStatusCode: statusCode, lastError: problem, deliveredAt: problem === null ? new Date() : null },
  });
  if (problem === null) return;
  if (isLast) throw new UnrecoverableError(`delivery ${deliveryId} failed after ${attempt} attempts: ${problem}`);
  throw new Error(`delivery ${deliveryId} attempt ${attempt}: ${problem}; trying again`);
}
