import { declareRoute, JobLogLinesQuery, JobLogLinesResponse, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/jobs/[id]/logs", "member", {
  tag: "Jobs", operationId: "getJobLogs", summary: "The trainer's log lines",
  query: JobLogLinesQuery,
  responses: { 200: { description: "Log lines in order; `nextCursor` is the `afterId` of the next page.", json: named("JobLogLinesResponse", JobLogLinesResponse) } },
  errors: [404, 422],
});
