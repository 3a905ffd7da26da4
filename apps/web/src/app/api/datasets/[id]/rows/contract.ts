import { DatasetRowsQuery, DatasetRowsResponse, declareRoute, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/datasets/[id]/rows", "member", {
  tag: "Datasets", operationId: "listDatasetRows", summary: "Rows of a dataset, by split, label or text",
  query: DatasetRowsQuery,
  responses: { 200: { description: "A page of rows and the total matching.", json: named("DatasetRowsResponse", DatasetRowsResponse) } },
  errors: [404, 422],
});
