import { declareRoute } from "@loraboard/contracts";

export const DELETE = declareRoute("DELETE /api/base-models/[id]", "admin", {
  tag: "Base models", operationId: "deleteBaseModel", summary: "Unregister a base model no job has used (admin)",
  responses: { 204: { description: "Unregistered; the directory is left alone." } },
  errors: [404, 409],
});
