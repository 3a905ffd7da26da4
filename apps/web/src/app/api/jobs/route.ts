import { apiRoute, readJson } from "@/server/api-route";
import { createJob } from "@/features/jobs/server/create-job";
import { JobListQuery } from "@loraboard/contracts";
import { listJobs } from "@/features/jobs/server/query-jobs";
import { creatorIdOf } from "@/server/audit/audit-log";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, _context, principal) => {
  const job = await createJob(await readJson(request), creatorIdOf(principal));
  return Response.json({ ...job, id: job.id, status: job.status }, { status: 201 });
});

export const GET = apiRoute(async (request) => {
  const query = JobListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listJobs(query));
});
