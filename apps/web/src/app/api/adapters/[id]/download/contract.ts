import { declareRoute } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/adapters/[id]/download", "member", {
  tag: "Adapters", operationId: "downloadAdapter", summary: "Download the adapter's peft folder as a zip",
  description: "One top folder named after the adapter: adapter_config.json, adapter_model.safetensors and the tokenizer files. Serve it with `vllm serve <base> --enable-lora --lora-modules <name>=./<name>` (GET /api/adapters/{id}/merged gives the exact command).",
  responses: {
    200: {
      description: "The zip, streamed (files stored uncompressed; Content-Length is exact).",
      zip: { description: "The adapter folder." },
      headers: { "Content-Disposition": { description: "attachment; filename=\"<adapter>.zip\"" } },
    },
  },
  errors: [404],
});
