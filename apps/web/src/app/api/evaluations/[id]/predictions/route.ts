import { PredictionsQuery } from "@loraboard/contracts";
import { apiRoute } from "@/server/api-route";
import { exportPredictionsCsv, listPredictions } from "@/features/evaluations/server/evaluations";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

// `?format=csv` downloads every matching prediction as CSV; otherwise a JSON page.
export const GET = apiRoute<Context>(async (request, { params }) => {
  const { id } = await params;
  const searchParams = new URL(request.url).searchParams;
  const query = PredictionsQuery.parse(Object.fromEntries([...searchParams].filter(([key]) => key !== "format")));
  if (searchParams.get("format") === "csv") {
    return new Response(await exportPredictionsCsv(id, query), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="evaluation-${id}-predictions.csv"`,
      },
    });
  }
  return Response.json(await listPredictions(id, query));
});
