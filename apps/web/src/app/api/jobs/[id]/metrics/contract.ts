import { declareRoute, JobMetricsQuery, JobMetricsResponse, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/jobs/[id]/metrics", "member", {
  tag: "Jobs", operationId: "getJobMetrics", summary: "Training metrics in step order",
  query: JobMetricsQuery,
  responses: { 200: { description: "Each step once, after `afterStep`.", json: named("JobMetricsResponse", JobMetricsResponse) } },
  errors: [404, 422],
});
