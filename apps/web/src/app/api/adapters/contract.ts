import { AdapterListResponse, declareRoute, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/adapters", "member", {
  tag: "Adapters", operationId: "listAdapters", summary: "Trained adapters and their serving status",
  responses: { 200: { description: "Every adapter; `inference` says whether the inference servers of their base models (one per base model) answered.", json: named("AdapterListResponse", AdapterListResponse) } },
});
