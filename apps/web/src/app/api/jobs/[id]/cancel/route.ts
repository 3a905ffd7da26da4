import { apiRoute } from "@/server/api-route";
import { cancelJob } from "@/features/jobs/server/control-job";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ params, principal }) => Response.json(await cancelJob(params.id, principal), { status: 202 }));
