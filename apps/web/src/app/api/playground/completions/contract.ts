import { declareRoute, named, PlaygroundCompletionBody, PlaygroundCompletionResponse, PlaygroundStreamDelta } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/playground/completions", "member", {
  tag: "Playground", operationId: "createCompletion", summary: "Complete a sentence or a prompt with a model",
  description:
    "Send either `sentence` (rendered through the model's prompt template) or `prompt` (sent as is). The model's base model's own inference server answers; an adapter compared with another base model (`baseModelId`) is 422 `base_model_mismatch`, a server that does not serve the base model 409 `inference_server_mismatch`. With `stream: true` the answer is an event stream: one `event: prompt` ({prompt, curl}), then `data: {\"text\": \"<delta>\"}` per delta, then `event: done` with the full PlaygroundCompletionResponse, or `event: error` with {code, message}.",
  body: {
    contentType: "application/json",
    schema: named("PlaygroundCompletionBody", PlaygroundCompletionBody),
    example: { model: "demo-tiny-zh", sentence: "质量很好，物流也快", maxTokens: 16, temperature: 0, stream: false },
  },
  responses: {
    200: {
      description: "The completion, or with `stream: true` an event stream of text deltas.",
      json: named("PlaygroundCompletionResponse", PlaygroundCompletionResponse),
      eventStream: { description: "Text deltas as `data: {\"text\": ...}`.", data: named("PlaygroundStreamDelta", PlaygroundStreamDelta) },
    },
  },
  errors: [400, 404, 409, 422, 503],
});
