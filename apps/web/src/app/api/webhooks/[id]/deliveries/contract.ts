import { WebhookDeliveriesQuery, WebhookDeliveryListResponse, declareRoute, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/webhooks/[id]/deliveries", "member", {
  tag: "Webhooks", operationId: "listWebhookDeliveries", summary: "The delivery log of one of your webhooks",
  description: "Newest first: each delivery's event, status (pending while it is being tried), attempts, and the last attempt's HTTP status and error.",
  query: WebhookDeliveriesQuery,
  responses: { 200: { description: "The newest deliveries.", json: named("WebhookDeliveryListResponse", WebhookDeliveryListResponse) } },
  errors: [404, 409, 422],
});
