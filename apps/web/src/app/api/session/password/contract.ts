import { ChangePasswordBody, declareRoute, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/session/password", "member", {
  tag: "Session", operationId: "changePassword", summary: "Change your own password",
  description: "Needs the browser session (not a token). Your other sessions end; this one gets a fresh cookie.",
  body: { contentType: "application/json", schema: named("ChangePasswordBody", ChangePasswordBody) },
  responses: { 204: { description: "Changed.", headers: { "Set-Cookie": { description: "The new session cookie." } } } },
  errors: [400, 403, 409, 422],
});
