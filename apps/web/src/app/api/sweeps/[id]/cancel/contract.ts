import { declareRoute, named, SweepDetail } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/sweeps/[id]/cancel", "member", {
  tag: "Sweeps", operationId: "cancelSweep", summary: "Cancel every queued or running job of a sweep",
  description: "Jobs that already finished keep their results and can still be promoted.",
  responses: { 202: { description: "Cancellation accepted; the sweep as it is now.", json: named("SweepDetail", SweepDetail) } },
  errors: [404, 409],
});
