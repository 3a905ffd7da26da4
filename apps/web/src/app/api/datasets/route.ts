import { DatasetListQuery } from "@loraboard/contracts";
import { apiRoute } from "@/server/api-route";
import { createDataset, readDatasetUpload } from "@/features/datasets/server/create-dataset";
import { listDatasets } from "@/features/datasets/server/dataset-queries";
import { parseQuery } from "@/features/datasets/server/parse-query";
import { creatorIdOf } from "@/server/audit/audit-log";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(async (request) => Response.json(await listDatasets(parseQuery(request, DatasetListQuery))));

export const POST = apiRoute(async (request, _context, principal) => {
  const upload = await readDatasetUpload(request);
  return Response.json(await createDataset(upload, creatorIdOf(principal)), { status: 201 });
});
