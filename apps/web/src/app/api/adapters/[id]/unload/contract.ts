import { Adapter, declareRoute, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/adapters/[id]/unload", "member", {
  tag: "Adapters", operationId: "unloadAdapter", summary: "Unload an adapter from the inference server",
  responses: { 200: { description: "The adapter.", json: named("Adapter", Adapter) } },
  errors: [404, 409, 503],
});
