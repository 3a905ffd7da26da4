// A person's own webhooks (docs/webhooks.md).
import { CreateWebhookBody, CreatedWebhook, WebhookListResponse, declareRoute, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/webhooks", "member", {
  tag: "Webhooks", operationId: "listWebhooks", summary: "Your webhooks",
  description: "Only your own, admins included; each with its newest delivery.",
  responses: { 200: { description: "Your webhooks, newest first.", json: named("WebhookListResponse", WebhookListResponse) } },
  errors: [409],
});

export const POST = declareRoute("POST /api/webhooks", "member", {
  tag: "Webhooks", operationId: "createWebhook", summary: "Create a webhook",
  description:
    "Status changes of the jobs and evaluations you start are POSTed to `url`, signed with `secret` (`Loraboard-Signature: t=<unix>,v1=<hex HMAC-SHA256 of \"t.body\">`); the body is a WebhookPayload. A URL whose host resolves to a private, loopback or link-local address is refused with 422 `webhook_url_refused` unless the server sets WEBHOOK_ALLOW_PRIVATE_URLS=true.",
  body: {
    contentType: "application/json",
    schema: named("CreateWebhookBody", CreateWebhookBody),
    example: { url: "https://ci.example.com/hooks/loraboard", events: ["job.succeeded", "job.failed"] },
  },
  responses: { 201: { description: "The webhook; `secret` is shown this once.", json: named("CreatedWebhook", CreatedWebhook) } },
  errors: [409, 422],
});
