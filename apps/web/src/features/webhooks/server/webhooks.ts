// A person's webhooks: create (URL checked against the SSRF guard; the secret shown once), list,
// delete, the delivery log, and a test ping. Everyone sees and changes only their own, admins
// included: a webhook fires for the jobs and evaluations its owner started.
import { randomBytes } from "node:crypto";
import {
  MAX_WEBHOOK_DELIVERIES_SHOWN,
  MAX_WEBHOOKS_PER_USER,
  WEBHOOK_EVENTS,
  type CreateWebhookBody,
  type CreatedWebhook,
  type WebhookDelivery,
  type WebhookSummary,
} from "@loraboard/contracts";
import { getDb, type Prisma } from "@loraboard/db/server";
import { createWebhookDeliveries, webhookUrlProblem } from "@loraboard/queue/webhooks";
import { ApiError } from "@/server/api-error";
import { getWebEnv } from "@/server/env";

const LAST_DELIVERY = { deliveries: { orderBy: { createdAt: "desc" }, take: 1 } } as const;
type WebhookRow = Prisma.WebhookGetPayload<{ include: typeof LAST_DELIVERY }>;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<object>;

function toSummary(row: WebhookRow): WebhookSummary {
  const last = row.deliveries[0];
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    createdAt: row.createdAt.toISOString(),
    lastDelivery: last ? { status: last.status, event: last.event, createdAt: last.createdAt.toISOString() } : null,
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    payload: row.payload as Record<string, unknown>,
  };
}

export async function listWebhooks(userId: string): Promise<WebhookSummary[]> {
  const rows = await getDb().webhook.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, include: LAST_DELIVERY });
  return rows.map(toSummary);
}

export async function createWebhook(userId: string, body: CreateWebhookBody): Promise<CreatedWebhook> {
  const db = getDb();
  const problem = await webhookUrlProblem(body.url, { allowPrivate: getWebEnv().WEBHOOK_ALLOW_PRIVATE_URLS });
  if (problem) throw new ApiError(422, "webhook_url_refused", `This URL cannot receive webhooks: ${problem}.`, [{ field: "url", message: problem }]);
  if ((await db.webhook.count({ where: { userId } })) >= MAX_WEBHOOKS_PER_USER) {
    throw new ApiError(409, "too_many_webhooks", `You have ${MAX_WEBHOOKS_PER_USER} webhooks, the most one account may have: delete one first.`);
  }
  const secret = body.secret ?? `whsec_${randomBytes(24).toString("base64url")}`;
  const row = await db.webhook.create({
    data: { userId, url: body.url, secret, events: body.events ? [...new Set(body.events)] : [...WEBHOOK_EVENTS] },
    include: LAST_DELIVERY,
  });
  return { ...toSummary(row), secret };
}

/** Another person's webhook is a 404, not a hint that it exists. */
async function ownWebhook(userId: string, id: string) {
  const row = await getDb().webhook.findFirst({ where: { id, userId }, include: LAST_DELIVERY });
  if (!row) throw new ApiError(404, "not_found", `No webhook ${id}.`);
  return row;
}

export async function deleteWebhook(userId: string, id: string): Promise<WebhookSummary> {
  const row = await ownWebhook(userId, id);
  // Its deliveries go with it; a queued one finds no row and is skipped.
  await getDb().webhook.delete({ where: { id: row.id } });
  return toSummary(row);
}

export async function listDeliveries(userId: string, id: string, limit = MAX_WEBHOOK_DELIVERIES_SHOWN): Promise<WebhookDelivery[]> {
  await ownWebhook(userId, id);
  const rows = await getDb().webhookDelivery.findMany({ where: { webhookId: id }, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map(toDelivery);
}

/** Queues a `ping` delivery to the webhook: it goes through the same signing, retries and log. */
export async function sendTestDelivery(userId: string, id: string): Promise<WebhookDelivery> {
  await ownWebhook(userId, id);
  const db = getDb();
  let deliveryId: string;
  try {
    [deliveryId] = (await createWebhookDeliveries(db, [id], {
      type: "ping",
      event: "ping",
      data: { webhookId: id, message: "A test delivery from loraboard: your webhook is reachable." },
    })) as [string];
  } catch {
    throw new ApiError(503, "queue_unavailable", "The queue (Redis) is not reachable; the test delivery waits in the log as pending. Try again.");
  }
  return toDelivery(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } }));
}
