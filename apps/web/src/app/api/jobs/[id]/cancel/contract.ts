import { declareRoute, Job, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/jobs/[id]/cancel", "member", {
  tag: "Jobs", operationId: "cancelJob", summary: "Cancel a queued or running job",
  description: "The job ends `cancelled`, its process is gone, its partial metrics stay.",
  responses: { 202: { description: "Cancellation accepted; the job as it is now.", json: named("Job", Job) } },
  errors: [404, 409],
});
