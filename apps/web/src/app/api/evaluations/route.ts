import { apiRoute } from "@/server/api-route";
import { createEvaluation, listEvaluations } from "@/features/evaluations/server/evaluations";
import { creatorIdOf } from "@/server/audit/audit-log";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ body, principal }) =>
  Response.json(await createEvaluation(body, creatorIdOf(principal)), { status: 201 }),
);

export const GET = apiRoute(contract.GET, async ({ query }) => Response.json(await listEvaluations(query)));
