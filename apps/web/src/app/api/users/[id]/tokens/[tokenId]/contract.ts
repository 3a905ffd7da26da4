import { ApiTokenSummary, declareRoute, named } from "@loraboard/contracts";

export const DELETE = declareRoute("DELETE /api/users/[id]/tokens/[tokenId]", "admin", {
  tag: "Users", operationId: "revokeUserApiToken", summary: "Revoke a person's API token",
  responses: { 200: { description: "The revoked token.", json: named("ApiTokenSummary", ApiTokenSummary) } },
  errors: [404],
});
