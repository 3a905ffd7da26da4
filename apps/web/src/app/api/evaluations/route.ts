import { apiRoute } from "@/server/api-route";
import { createEvaluation, listEvaluations } from "@/features/evaluations/server/evaluations";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ body }) => Response.json(await createEvaluation(body), { status: 201 }));

export const GET = apiRoute(contract.GET, async ({ query }) => Response.json(await listEvaluations(query)));
