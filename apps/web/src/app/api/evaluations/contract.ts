import { CreateEvaluationBody, declareRoute, Evaluation, EvaluationListQuery, EvaluationListResponse, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/evaluations", "member", {
  tag: "Evaluations", operationId: "createEvaluation", summary: "Queue an accuracy report of a model on a dataset split",
  body: {
    contentType: "application/json",
    schema: named("CreateEvaluationBody", CreateEvaluationBody),
    example: { model: "demo-tiny-zh", datasetId: "<dataset id>", split: "test", fewShot: 0 },
  },
  responses: { 201: { description: "The queued evaluation.", json: named("Evaluation", Evaluation) } },
  errors: [400, 404, 422, 503],
});

export const GET = declareRoute("GET /api/evaluations", "member", {
  tag: "Evaluations", operationId: "listEvaluations", summary: "List evaluations, newest first",
  query: EvaluationListQuery,
  responses: { 200: { description: "Evaluations.", json: named("EvaluationListResponse", EvaluationListResponse) } },
  errors: [422],
});
