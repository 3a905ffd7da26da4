import { declareRoute } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/adapters/[id]/merged/download", "member", {
  tag: "Adapters", operationId: "downloadMergedModel", summary: "Download the merged model as a zip",
  description: "One top folder `<adapter>-merged`: config.json, bf16 model safetensors and the tokenizer files. Serve it with `vllm serve ./<adapter>-merged`. 404 until the merge is ready.",
  responses: {
    200: {
      description: "The zip, streamed (files stored uncompressed; Content-Length is exact).",
      zip: { description: "The merged model folder." },
      headers: { "Content-Disposition": { description: "attachment; filename=\"<adapter>-merged.zip\"" } },
    },
  },
  errors: [404],
});
