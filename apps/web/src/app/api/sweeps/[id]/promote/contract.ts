import { declareRoute, named, PromoteSweepBody, PromoteSweepResponse } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/sweeps/[id]/promote", "member", {
  tag: "Sweeps", operationId: "promoteSweepJob", summary: "Promote a sweep's job: load its adapter and evaluate it on the test split",
  description:
    "What training does for a job outside a sweep: the job's adapter is loaded into the inference server and an evaluation of the test split is queued (a second promote of the same job reuses it). Without `jobId` (or without a body) the best succeeded job by the sweep's metric is promoted. The sweep records it as its winner.",
  body: { contentType: "application/json", schema: named("PromoteSweepBody", PromoteSweepBody), example: {}, isOptional: true },
  responses: { 200: { description: "The promoted job, its loaded adapter and its evaluation.", json: named("PromoteSweepResponse", PromoteSweepResponse) } },
  errors: [400, 404, 409, 422, 502, 503],
});
