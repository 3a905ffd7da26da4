import { declareRoute, Job, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/jobs/[id]", "member", {
  tag: "Jobs", operationId: "getJob", summary: "One job: status, progress, ETA, error, adapter and evaluation",
  responses: { 200: { description: "The job.", json: named("Job", Job) } },
  errors: [404],
});
