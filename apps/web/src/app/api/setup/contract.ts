import { declareRoute, named, SessionInfo, SetupBody } from "@loraboard/contracts";

// Creates the first admin; answers 409 as soon as any account exists.
export const POST = declareRoute("POST /api/setup", "public", {
  tag: "Session", operationId: "setUp", summary: "Create the first admin (only while no account exists)",
  description:
    "From anywhere but the server's own machine, `setupCode` must be the code the server printed in its console at start (403 `setup_code_required` or `wrong_setup_code` otherwise).",
  body: { contentType: "application/json", schema: named("SetupBody", SetupBody) },
  responses: { 201: { description: "The first admin, signed in.", json: named("SessionInfo", SessionInfo) } },
  errors: [400, 403, 409, 422],
});
