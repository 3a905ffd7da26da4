import { apiRoute } from "@/server/api-route";
import { getJobLogs } from "@/features/jobs/server/query-jobs";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params, query }) =>
  Response.json(await getJobLogs(params.id, { limit: query.limit, afterId: query.afterId === undefined ? undefined : BigInt(query.afterId) })),
);
