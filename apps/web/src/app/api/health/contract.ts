import { declareRoute, HealthResponse, named } from "@loraboard/contracts";

// Public: load balancers and probes call it without credentials.
export const GET = declareRoute("GET /api/health", "public", {
  tag: "Health", operationId: "getHealth", summary: "Health of the product and its dependencies",
  responses: { 200: { description: "Component states and the number of live workers.", json: named("HealthResponse", HealthResponse) } },
});
