import { declareRoute, named, SessionInfo, SignInBody } from "@loraboard/contracts";

// Signing in needs no credentials; it is rate-limited per IP and per email instead.
export const POST = declareRoute("POST /api/session", "public", {
  tag: "Session", operationId: "signIn", summary: "Sign in with email and password",
  description: "Sets the session cookie (httpOnly, SameSite=Lax, Secure on https). Failed attempts are limited per email and per client address.",
  body: { contentType: "application/json", schema: named("SignInBody", SignInBody), example: { email: "ada@example.com", password: "correct horse battery" } },
  responses: {
    200: { description: "Signed in.", json: named("SessionInfo", SessionInfo), headers: { "Set-Cookie": { description: "The session cookie." } } },
  },
  errors: [400, 401, 403, 422, 429],
});

export const GET = declareRoute("GET /api/session", "member", {
  tag: "Session", operationId: "getSession", summary: "Who is calling",
  responses: { 200: { description: "The caller: a session, a personal token, or the bootstrap API_TOKEN.", json: named("SessionInfo", SessionInfo) } },
});

export const DELETE = declareRoute("DELETE /api/session", "member", {
  tag: "Session", operationId: "signOut", summary: "Sign out",
  responses: { 204: { description: "The session is ended and its cookie cleared." } },
  errors: [403],
});
