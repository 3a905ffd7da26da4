import { declareRoute, named, WorkerListResponse } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/workers", "member", {
  tag: "Health", operationId: "listWorkers", summary: "Live workers and their GPUs",
  responses: { 200: { description: "Every worker whose heartbeat has not expired (15 s), with how many GPUs it trains on: a job a GPU worker takes runs the GPU recipe (docs/performance.md), one a CPU worker takes trains on its CPU. Empty while no worker runs; queued jobs then wait.", json: named("WorkerListResponse", WorkerListResponse) } },
});
