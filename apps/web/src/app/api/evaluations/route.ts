import { apiRoute, readJson } from "@/server/api-route";
import { ListEvaluationsQuery, createEvaluation, listEvaluations } from "@/features/evaluations/server/evaluations";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  const evaluation = await createEvaluation(await readJson(request));
  return Response.json(evaluation, { status: 201 });
});

export const GET = apiRoute(async (request) => {
  const query = ListEvaluationsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listEvaluations(query));
});
