import { declareRoute, named, SweepDetail } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/sweeps/[id]", "member", {
  tag: "Sweeps", operationId: "getSweep", summary: "One sweep: its jobs ranked by the sweep's metric, with their validation curves",
  description:
    "Ranked live: a job's score is its best validation accuracy (ties to the lower eval loss) or its lowest eval loss, over the evaluations so far; jobs that have not evaluated yet come last with `rank: null`. `bestJobId` is the best job that has not failed or been cancelled.",
  responses: { 200: { description: "The sweep.", json: named("SweepDetail", SweepDetail) } },
  errors: [404],
});

export const DELETE = declareRoute("DELETE /api/sweeps/[id]", "member", {
  tag: "Sweeps", operationId: "deleteSweep",
  summary: "Delete a finished sweep and its jobs (each as DELETE /api/jobs/{id}: adapters unloaded, files removed)",
  responses: { 204: { description: "Deleted." } },
  errors: [404, 409, 503],
});
