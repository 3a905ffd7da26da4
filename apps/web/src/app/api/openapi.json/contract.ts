import { declareRoute } from "@loraboard/contracts";

// Signed-in callers only, like every route but health: it maps the whole surface.
export const GET = declareRoute("GET /api/openapi.json", "member", {
  tag: "Meta", operationId: "getOpenApiDocument", summary: "This OpenAPI 3.1 description",
  responses: { 200: { description: "The OpenAPI document.", anyJson: true } },
});
