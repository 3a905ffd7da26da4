import { apiRoute } from "@/server/api-route";
import { exportPredictionsCsv, listPredictions } from "@/features/evaluations/server/evaluations";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

// `?format=csv` downloads every matching prediction as CSV; otherwise a JSON page.
export const GET = apiRoute(contract.GET, async ({ params: { id }, query: { format, ...query } }) => {
  if (format === "csv") {
    return new Response(await exportPredictionsCsv(id, query), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="evaluation-${id}-predictions.csv"`,
      },
    });
  }
  return Response.json(await listPredictions(id, query));
});
