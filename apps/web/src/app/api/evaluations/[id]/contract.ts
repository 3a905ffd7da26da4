import { declareRoute, Evaluation, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/evaluations/[id]", "member", {
  tag: "Evaluations", operationId: "getEvaluation", summary: "One evaluation with its metrics",
  responses: { 200: { description: "The evaluation; `metrics` is null until it finishes.", json: named("Evaluation", Evaluation) } },
  errors: [404],
});
