import { apiRoute } from "@/server/api-route";
import { getEvaluation } from "@/features/evaluations/server/evaluations";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params }) => Response.json(await getEvaluation(params.id)));
