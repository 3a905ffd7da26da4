import { apiRoute } from "@/server/api-route";
import { getDataset } from "@/features/datasets/server/dataset-queries";
import { deleteDataset } from "@/features/datasets/server/delete-dataset";
import * as contract from "./contract";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = apiRoute(contract.GET, async ({ params }) => Response.json(await getDataset(params.id)));

export const DELETE = apiRoute(contract.DELETE, async ({ params, principal }) => {
  await deleteDataset(params.id, principal);
  return new Response(null, { status: 204 });
});
