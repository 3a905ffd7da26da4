import { apiRoute } from "@/server/api-route";
import { JobLogsQuery, getJobLogs } from "@/features/jobs/server/query-jobs";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  const query = JobLogsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await getJobLogs((await params).id, query));
});
