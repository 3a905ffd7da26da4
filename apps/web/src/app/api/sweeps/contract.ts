import { CreateSweepBody, declareRoute, named, SweepDetail, SweepListQuery, SweepListResponse } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/sweeps", "member", {
  tag: "Sweeps", operationId: "createSweep", summary: "Queue a sweep: one ordinary job per set of hyperparameters",
  description:
    "`space` lists the values to try for learningRate, loraR, targetModules and epochs; every other hyperparameter comes from `hyperparameters` (defaults as in POST /api/jobs). `grid` makes every combination, `random` draws `samples` distinct ones with `seed`. A sweep makes 2 to 16 jobs, all written at once (or none) and trained on the dataset's one split. Sweep jobs are not loaded into the inference server nor evaluated when they finish: promote the winner. The jobs count towards the account's MAX_ACTIVE_JOBS_PER_USER (429 `too_many_jobs` past it).",
  body: {
    contentType: "application/json",
    schema: named("CreateSweepBody", CreateSweepBody),
    example: {
      datasetId: "<dataset id>",
      baseModelId: "demo-tiny-zh",
      hyperparameters: { epochs: 1, batchSize: 8, maxLength: 128, evalSteps: 10 },
      space: { learningRate: [0.001, 0.004], loraR: [4, 8] },
      strategy: "grid",
      metric: "valAccuracy",
    },
  },
  responses: { 201: { description: "The sweep with its queued jobs.", json: named("SweepDetail", SweepDetail) } },
  errors: [400, 404, 422, 429, 503],
});

export const GET = declareRoute("GET /api/sweeps", "member", {
  tag: "Sweeps", operationId: "listSweeps", summary: "List sweeps, newest first, with their jobs' counts by status",
  query: SweepListQuery,
  responses: { 200: { description: "A page of sweeps.", json: named("SweepListResponse", SweepListResponse) } },
  errors: [422],
});
