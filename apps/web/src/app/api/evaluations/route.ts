import { apiRoute, readJson } from "@/server/api-route";
import { EvaluationListQuery } from "@loraboard/contracts";
import { createEvaluation, listEvaluations } from "@/features/evaluations/server/evaluations";
import { creatorIdOf } from "@/server/audit/audit-log";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request, _context, principal) => {
  const evaluation = await createEvaluation(await readJson(request), creatorIdOf(principal));
  return Response.json(evaluation, { status: 201 });
});

export const GET = apiRoute(async (request) => {
  const query = EvaluationListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listEvaluations(query));
});
