import { apiRoute } from "@/server/api-route";
import { getJobMetrics } from "@/features/jobs/server/query-jobs";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params, query }) => Response.json({ items: await getJobMetrics(params.id, query) }));
