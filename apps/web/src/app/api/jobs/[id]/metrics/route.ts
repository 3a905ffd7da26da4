import { JobMetricsQuery } from "@loraboard/contracts";
import { apiRoute } from "@/server/api-route";
import { getJobMetrics } from "@/features/jobs/server/query-jobs";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => {
  const query = JobMetricsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ items: await getJobMetrics((await params).id, query) });
});
