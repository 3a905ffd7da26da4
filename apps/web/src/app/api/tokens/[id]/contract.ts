import { ApiTokenSummary, declareRoute, named } from "@loraboard/contracts";

export const DELETE = declareRoute("DELETE /api/tokens/[id]", "member", {
  tag: "API tokens", operationId: "revokeApiToken", summary: "Revoke one of your API tokens",
  responses: { 200: { description: "The revoked token.", json: named("ApiTokenSummary", ApiTokenSummary) } },
  errors: [403, 404, 409],
});
