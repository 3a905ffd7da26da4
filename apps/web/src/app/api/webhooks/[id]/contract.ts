import { WebhookSummary, declareRoute, named } from "@loraboard/contracts";

export const DELETE = declareRoute("DELETE /api/webhooks/[id]", "member", {
  tag: "Webhooks", operationId: "deleteWebhook", summary: "Delete one of your webhooks",
  description: "Its delivery log goes with it; deliveries still queued are not sent.",
  responses: { 200: { description: "The deleted webhook.", json: named("WebhookSummary", WebhookSummary) } },
  errors: [404, 409],
});
