import { AdapterExport, declareRoute, named } from "@loraboard/contracts";

const exportResponse = { description: "The adapter's downloads and vLLM commands, and the merged model's state.", json: named("AdapterExport", AdapterExport) };

export const GET = declareRoute("GET /api/adapters/[id]/merged", "member", {
  tag: "Adapters", operationId: "getMergedModel", summary: "The merged model's state, the downloads and their vLLM commands",
  responses: { 200: exportResponse },
  errors: [404],
});

export const POST = declareRoute("POST /api/adapters/[id]/merged", "member", {
  tag: "Adapters", operationId: "mergeAdapter", summary: "Merge the adapter into its base (bf16 safetensors) for serving without LoRA",
  description: "Queues a merge on a worker, which writes the merged model to DATA_DIR/merged/<adapter>/ (in a temporary folder renamed into place when complete). Idempotent: a merge that is ready, queued or running is left alone; a failed one is retried. Poll GET for `merged.status`.",
  responses: { 202: exportResponse },
  errors: [404],
});
