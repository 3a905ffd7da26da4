import { apiRoute } from "@/server/api-route";
import { deleteJob } from "@/features/jobs/server/delete-job";
import { getJob } from "@/features/jobs/server/query-jobs";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params }) => Response.json(await getJob(params.id)));

export const DELETE = apiRoute(contract.DELETE, async ({ params }) => {
  await deleteJob(params.id);
  return new Response(null, { status: 204 });
});
