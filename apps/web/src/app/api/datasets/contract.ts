import { z } from "zod";
import { CreateDatasetFields, CreateDatasetResponse, DatasetListQuery, DatasetListResponse, declareRoute, named } from "@loraboard/contracts";

/** Multipart upload: the files, plus the text fields validated by CreateDatasetFields. The
 * handler streams and checks the upload itself (features/datasets/server/create-dataset.ts). */
const CreateDatasetMultipart = z
  .object({
    file: z.any().meta({
      type: "string",
      format: "binary",
      description:
        'The dataset: a JSON array, JSONL, or CSV with header `sentence,label`. A label is an integer or a non-empty text of at most 64 characters (`1`, `"1"` and `" 1 "` are the same label); 2 to 100 distinct labels. Multi-class example (JSONL): `{"sentence": "国足晋级世界杯", "label": "体育"}` / `{"sentence": "央行下调利率", "label": "财经"}` / `{"sentence": "新款芯片发布", "label": "科技"}`.',
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
    "Every problem in the file is reported (up to a cap) and nothing is stored when there is one; in JSONL each line stands alone, so lines that are not JSON are listed with the other lines' problems (400). Rows are split into train/val/test with `seed`, stratified by class: a split with room for every class gets at least one row of each, and a class with too few rows for that is refused (422 `class_too_small`). `labels` lists the classes in order (integers ascending, then texts as first seen; a 0/1 file is always `[0, 1]`) and `labelCounts` is keyed by the label as text.",
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
