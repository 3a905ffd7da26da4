import { apiRoute } from "@/server/api-route";
import { retryJob } from "@/features/jobs/server/control-job";
import { creatorIdOf } from "@/server/audit/audit-log";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ params, principal }) =>
  Response.json(await retryJob(params.id, creatorIdOf(principal)), { status: 201 }),
);
