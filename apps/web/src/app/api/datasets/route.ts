import { DatasetListQuery } from "@loraboard/contracts";
import { apiRoute } from "@/server/api-route";
import { createDataset, readDatasetUpload } from "@/features/datasets/server/create-dataset";
import { listDatasets } from "@/features/datasets/server/dataset-queries";
import { parseQuery } from "@/features/datasets/server/parse-query";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(async (request) => Response.json(await listDatasets(parseQuery(request, DatasetListQuery))));

export const POST = apiRoute(async (request) => {
  const upload = await readDatasetUpload(request);
  return Response.json(await createDataset(upload), { status: 201 });
});
