import { BaseModel, BaseModelListResponse, declareRoute, named, RegisterBaseModelBody } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/base-models", "member", {
  tag: "Base models", operationId: "listBaseModels", summary: "Registered base models, each with its own inference server",
  responses: { 200: { description: "Every base model with the defaults jobs on it start from (prompt template, label words, preset); `servedBy` is its own server's name for it, or null while that server does not serve it (`serverStatus` down: not answering).", json: named("BaseModelListResponse", BaseModelListResponse) } },
});

// Registering a model directory points every worker and vLLM at it: admins only.
export const POST = declareRoute("POST /api/base-models", "admin", {
  tag: "Base models", operationId: "registerBaseModel", summary: "Register a model directory under DATA_DIR (admin)",
  description: "The directory must lie under DATA_DIR (symlinks resolved) and hold config.json; serve it with its own vLLM under the same id and give that server as `inferenceUrl` (default INFERENCE_URL; docs/base-models.md).",
  body: {
    contentType: "application/json",
    schema: named("RegisterBaseModelBody", RegisterBaseModelBody),
    example: { id: "llama-2-7b", name: "Llama-2-7B", path: "llama-2-7b", inferenceUrl: "http://vllm-llama:8000", preset: "tutorial" },
  },
  responses: { 201: { description: "The registered base model.", json: named("BaseModel", BaseModel) } },
  errors: [400, 409, 422],
});
