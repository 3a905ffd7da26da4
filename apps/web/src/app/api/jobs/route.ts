import { apiRoute } from "@/server/api-route";
import { createJob } from "@/features/jobs/server/create-job";
import { listJobs } from "@/features/jobs/server/query-jobs";
import { creatorIdOf } from "@/server/audit/audit-log";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ body, principal }) => {
  const job = await createJob(body, creatorIdOf(principal));
  return Response.json({ ...job, id: job.id, status: job.status }, { status: 201 });
});

export const GET = apiRoute(contract.GET, async ({ query }) => Response.json(await listJobs(query)));
