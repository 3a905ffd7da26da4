import { declareRoute, Job, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/jobs/[id]/retry", "member", {
  tag: "Jobs", operationId: "retryJob", summary: "Queue a new job with the settings of a finished one",
  responses: { 201: { description: "The new job.", json: named("Job", Job) } },
  errors: [404, 409, 429, 503],
});
