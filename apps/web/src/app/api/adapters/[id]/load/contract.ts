import { Adapter, declareRoute, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/adapters/[id]/load", "member", {
  tag: "Adapters", operationId: "loadAdapter", summary: "Load an adapter into its base model's inference server",
  description: "Each base model has its own server; one that does not serve the adapter's base model is never sent it: 409 `inference_server_mismatch`.",
  responses: { 200: { description: "The adapter.", json: named("Adapter", Adapter) } },
  errors: [404, 409, 422, 503],
});
