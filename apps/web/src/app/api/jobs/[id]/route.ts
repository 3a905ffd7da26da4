import { apiRoute } from "@/server/api-route";
import { getJob } from "@/features/jobs/server/query-jobs";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params }) => Response.json(await getJob(params.id)));
