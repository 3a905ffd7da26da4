import { apiRoute } from "@/server/api-route";
import { listDatasetRows } from "@/features/datasets/server/dataset-queries";
import * as contract from "./contract";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(contract.GET, async ({ params, query }) => Response.json(await listDatasetRows(params.id, query)));
