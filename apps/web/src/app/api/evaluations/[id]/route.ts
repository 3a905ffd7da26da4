import { apiRoute } from "@/server/api-route";
import { getEvaluation } from "@/features/evaluations/server/evaluations";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute<Context>(async (_request, { params }) => Response.json(await getEvaluation((await params).id)));
