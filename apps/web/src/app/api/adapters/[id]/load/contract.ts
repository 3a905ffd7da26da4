import { Adapter, declareRoute, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/adapters/[id]/load", "member", {
  tag: "Adapters", operationId: "loadAdapter", summary: "Load an adapter into the inference server",
  responses: { 200: { description: "The adapter.", json: named("Adapter", Adapter) } },
  errors: [404, 409, 503],
});
