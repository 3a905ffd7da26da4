import { BaseModelPreviewBody, BaseModelPreviewResponse, declareRoute, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/base-models/[id]/preview", "member", {
  tag: "Base models", operationId: "previewExample", summary: "Render one training example with the model's tokenizer",
  body: {
    contentType: "application/json",
    schema: named("BaseModelPreviewBody", BaseModelPreviewBody),
    example: { promptTemplate: "Review: {sentence}\nSentiment:", labelWords: { "0": "negative", "1": "positive" }, sentence: "Great value.", label: 1 },
  },
  responses: { 200: { description: "The rendered example and its token counts.", json: named("BaseModelPreviewResponse", BaseModelPreviewResponse) } },
  errors: [400, 404, 409, 422],
});
