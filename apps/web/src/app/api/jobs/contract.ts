import { CreateJobBody, CreateJobResponse, declareRoute, JobListQuery, JobListResponse, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/jobs", "member", {
  tag: "Jobs", operationId: "createJob", summary: "Queue a LoRA fine-tune job",
  description:
    "Omitted hyperparameters take their defaults (the values shown in the schema). `labelWords` maps every label of the dataset (as text) to the word the model answers with; omitted, it is 消极/积极 for a 0/1 dataset and each label itself for other labels. Words must differ (422 with `labelWords.<label>` issues); a word that starts another is allowed and reported in `warnings` (the longest match wins when answers are parsed).",
  body: {
    contentType: "application/json",
    schema: named("CreateJobBody", CreateJobBody),
    example: {
      datasetId: "<dataset id>",
      baseModelId: "demo-tiny-zh",
      hyperparameters: { epochs: 1, learningRate: 0.002 },
      labelWords: { 体育: "体育", 财经: "财经", 科技: "科技" },
    },
  },
  responses: { 201: { description: "The queued job (`status: queued`) and `warnings` about its label words.", json: named("CreateJobResponse", CreateJobResponse) } },
  errors: [400, 404, 409, 422, 429, 503],
});

export const GET = declareRoute("GET /api/jobs", "member", {
  tag: "Jobs", operationId: "listJobs", summary: "List jobs, newest first",
  query: JobListQuery,
  responses: { 200: { description: "A page of jobs.", json: named("JobListResponse", JobListResponse) } },
  errors: [422],
});
