import { apiRoute } from "@/server/api-route";
import { retryEvaluation } from "@/features/evaluations/server/evaluations";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ params }) => Response.json(await retryEvaluation(params.id), { status: 202 }));
