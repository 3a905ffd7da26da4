// A person's own API tokens.
import { ApiTokenListResponse, CreateApiTokenBody, CreatedApiToken, declareRoute, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/tokens", "member", {
  tag: "API tokens", operationId: "listApiTokens", summary: "Your API tokens",
  responses: { 200: { description: "Your tokens, newest first, revoked ones marked.", json: named("ApiTokenListResponse", ApiTokenListResponse) } },
  errors: [409],
});

export const POST = declareRoute("POST /api/tokens", "member", {
  tag: "API tokens", operationId: "createApiToken", summary: "Create an API token",
  body: { contentType: "application/json", schema: named("CreateApiTokenBody", CreateApiTokenBody), example: { name: "nightly eval script" } },
  responses: { 201: { description: "The token; `token` is shown this once.", json: named("CreatedApiToken", CreatedApiToken) } },
  errors: [400, 403, 409, 422],
});
