import { apiRoute } from "@/server/api-route";
import { retryJob } from "@/features/jobs/server/control-job";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ params }) => Response.json(await retryJob(params.id), { status: 201 }));
