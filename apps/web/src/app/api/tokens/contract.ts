// A person's own API tokens.
import { ApiTokenListResponse, CreateApiTokenBody, CreatedApiToken, declareRoute, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/tokens", "member", {
  tag: "API tokens", operationId: "listApiTokens", summary: "Your API tokens",
  responses: { 200: { description: "Your tokens, newest first, revoked ones marked.", json: named("ApiTokenListResponse", ApiTokenListResponse) } },
  errors: [409],
});

// Made from a signed-in session, never with a token: a leaked token must not mint others that
// outlive its revocation (403 session_required).
export const POST = declareRoute("POST /api/tokens", "session", {
  tag: "API tokens", operationId: "createApiToken", summary: "Create an API token",
  description: "Needs a signed-in session: with an API token it answers 403 `session_required`.",
  body: { contentType: "application/json", schema: named("CreateApiTokenBody", CreateApiTokenBody), example: { name: "nightly eval script" } },
  responses: { 201: { description: "The token; `token` is shown this once.", json: named("CreatedApiToken", CreatedApiToken) } },
  errors: [400, 403, 409, 422],
});
