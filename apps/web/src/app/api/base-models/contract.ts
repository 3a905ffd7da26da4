import { BaseModel, BaseModelListResponse, declareRoute, named, RegisterBaseModelBody } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/base-models", "member", {
  tag: "Base models", operationId: "listBaseModels", summary: "Registered base models and what serves them",
  responses: { 200: { description: "Every base model; `servedBy` is the inference server's name for it, or null.", json: named("BaseModelListResponse", BaseModelListResponse) } },
});

// Registering a model directory points every worker and vLLM at it: admins only.
export const POST = declareRoute("POST /api/base-models", "admin", {
  tag: "Base models", operationId: "registerBaseModel", summary: "Register a model directory under DATA_DIR (admin)",
  description: "The directory must lie under DATA_DIR (symlinks resolved) and hold config.json; serve it with vLLM under the same id (docs/base-models.md).",
  body: {
    contentType: "application/json",
    schema: named("RegisterBaseModelBody", RegisterBaseModelBody),
    example: { id: "llama-2-7b", name: "Llama-2-7B", path: "llama-2-7b" },
  },
  responses: { 201: { description: "The registered base model.", json: named("BaseModel", BaseModel) } },
  errors: [400, 409, 422],
});
