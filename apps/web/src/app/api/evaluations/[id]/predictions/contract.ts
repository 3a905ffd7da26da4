import { z } from "zod";
import { declareRoute, named, PredictionsQuery, PredictionsResponse } from "@loraboard/contracts";

const PredictionsListQuery = PredictionsQuery.extend({
  format: z.enum(["json", "csv"]).optional().describe("`csv` downloads every matching prediction as CSV (no paging)."),
});

export const GET = declareRoute("GET /api/evaluations/[id]/predictions", "member", {
  tag: "Evaluations", operationId: "listPredictions", summary: "Predictions of an evaluation (JSON page or CSV export)",
  query: PredictionsListQuery,
  responses: {
    200: {
      description: "A page of predictions, or with `format=csv` every matching one as CSV.",
      json: named("PredictionsResponse", PredictionsResponse),
      csv: { description: "Columns: index,sentence,label,predicted,correct,output." },
    },
  },
  errors: [404, 422],
});
