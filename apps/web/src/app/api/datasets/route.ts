import { apiRoute } from "@/server/api-route";
import { createDataset, readDatasetUpload } from "@/features/datasets/server/create-dataset";
import { listDatasets } from "@/features/datasets/server/dataset-queries";
import { creatorIdOf } from "@/server/audit/audit-log";
import * as contract from "./contract";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(contract.GET, async ({ query }) => Response.json(await listDatasets(query)));

// A multipart upload: the feature streams and validates it itself (contract.ts only describes it).
export const POST = apiRoute(contract.POST, async ({ request, principal }) => {
  const upload = await readDatasetUpload(request);
  return Response.json(await createDataset(upload, creatorIdOf(principal)), { status: 201 });
});
