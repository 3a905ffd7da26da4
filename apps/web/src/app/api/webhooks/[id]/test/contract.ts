import { WebhookDelivery, declareRoute, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/webhooks/[id]/test", "member", {
  tag: "Webhooks", operationId: "testWebhook", summary: "Send a test delivery (a ping) to one of your webhooks",
  description: "Queues a `ping` event, signed and retried like any other; follow it in the delivery log.",
  responses: { 202: { description: "The queued delivery.", json: named("WebhookDelivery", WebhookDelivery) } },
  errors: [404, 409, 503],
});
