import { apiRoute } from "@/server/api-route";
import { deleteSweep } from "@/features/sweeps/server/control-sweep";
import { getSweep } from "@/features/sweeps/server/query-sweeps";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params }) => Response.json(await getSweep(params.id)));

export const DELETE = apiRoute(contract.DELETE, async ({ params, principal }) => {
  await deleteSweep(params.id, principal);
  return new Response(null, { status: 204 });
});
