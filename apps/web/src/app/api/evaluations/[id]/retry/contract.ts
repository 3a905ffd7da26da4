import { declareRoute, Evaluation, named } from "@loraboard/contracts";

export const POST = declareRoute("POST /api/evaluations/[id]/retry", "member", {
  tag: "Evaluations", operationId: "retryEvaluation", summary: "Resume a failed or cancelled evaluation where it stopped",
  responses: {
    202: { description: "The evaluation, queued again; the predictions already stored are kept and only the missing rows are asked.", json: named("Evaluation", Evaluation) },
  },
  errors: [404, 409, 503],
});
