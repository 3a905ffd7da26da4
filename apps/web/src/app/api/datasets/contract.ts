import { z } from "zod";
import { CreateDatasetFields, CreateDatasetResponse, DatasetListQuery, DatasetListResponse, declareRoute, named } from "@loraboard/contracts";

/** Multipart upload: the files, plus the text fields validated by CreateDatasetFields. The
 * handler streams and checks the upload itself (features/datasets/server/create-dataset.ts). */
const CreateDatasetMultipart = z
  .object({
    file: z.any().meta({
      type: "string",
      format: "binary",
      description: "The dataset: a JSON array, JSONL, or CSV with header `sentence,label` (labels 0/1).",
    }),
    testFile: z
      .any()
      .meta({ type: "string", format: "binary", description: "Optional test split in the same formats; then testFraction is not used." })
      .optional(),
  })
  .extend(CreateDatasetFields.shape);

export const POST = declareRoute("POST /api/datasets", "member", {
  tag: "Datasets", operationId: "createDataset", summary: "Upload a dataset",
  description:
    "Every problem in the file is reported (up to a cap) and nothing is stored when there is one. Rows are split into train/val/test with `seed`.",
  body: { contentType: "multipart/form-data", schema: named("CreateDatasetMultipart", CreateDatasetMultipart) },
  responses: { 201: { description: "The stored dataset.", json: named("CreateDatasetResponse", CreateDatasetResponse) } },
  errors: [400, 413, 422, 507],
});

export const GET = declareRoute("GET /api/datasets", "member", {
  tag: "Datasets", operationId: "listDatasets", summary: "List datasets, newest first",
  query: DatasetListQuery,
  responses: { 200: { description: "A page of datasets.", json: named("DatasetListResponse", DatasetListResponse) } },
  errors: [422],
});
