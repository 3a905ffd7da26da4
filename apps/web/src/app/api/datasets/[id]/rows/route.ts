import { DatasetRowsQuery } from "@loraboard/contracts";
import { apiRoute } from "@/server/api-route";
import { listDatasetRows } from "@/features/datasets/server/dataset-queries";
import { parseQuery } from "@/features/datasets/server/parse-query";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute<Context>(async (request, { params }) =>
  Response.json(await listDatasetRows((await params).id, parseQuery(request, DatasetRowsQuery))),
);
