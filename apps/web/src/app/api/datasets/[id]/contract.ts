import { DatasetDetail, declareRoute, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/datasets/[id]", "member", {
  tag: "Datasets", operationId: "getDataset", summary: "One dataset with its statistics",
  responses: { 200: { description: "The dataset and `stats`.", json: named("DatasetDetail", DatasetDetail) } },
  errors: [404],
});

export const DELETE = declareRoute("DELETE /api/datasets/[id]", "member", {
  tag: "Datasets", operationId: "deleteDataset", summary: "Delete a dataset and its files",
  responses: { 204: { description: "Deleted." } },
  errors: [404, 409],
});
