import { declareRoute, Job, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/jobs/[id]", "member", {
  tag: "Jobs", operationId: "getJob", summary: "One job: status, progress, ETA, error, adapter and evaluation",
  responses: { 200: { description: "The job.", json: named("Job", Job) } },
  errors: [404],
});

export const DELETE = declareRoute("DELETE /api/jobs/[id]", "member", {
  tag: "Jobs", operationId: "deleteJob",
  summary: "Delete a finished job: its row, metrics and logs, its adapter (unloaded first) and its files under DATA_DIR",
  responses: { 204: { description: "Deleted." } },
  errors: [404, 409, 503],
});
