import { CreateJobBody, CreateJobResponse, declareRoute, JobListQuery, JobListResponse, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/jobs", "member", {
  tag: "Jobs", operationId: "createJob", summary: "Queue a LoRA fine-tune job",
  description: "Omitted hyperparameters take their defaults (the values shown in the schema).",
  body: {
    contentType: "application/json",
    schema: named("CreateJobBody", CreateJobBody),
    example: { datasetId: "<dataset id>", baseModelId: "demo-tiny-zh", hyperparameters: { epochs: 1, learningRate: 0.002 } },
  },
  responses: { 201: { description: "The queued job (`status: queued`).", json: named("Job", CreateJobResponse) } },
  errors: [400, 404, 409, 422, 503],
});

export const GET = declareRoute("GET /api/jobs", "member", {
  tag: "Jobs", operationId: "listJobs", summary: "List jobs, newest first",
  query: JobListQuery,
  responses: { 200: { description: "A page of jobs.", json: named("JobListResponse", JobListResponse) } },
  errors: [422],
});
