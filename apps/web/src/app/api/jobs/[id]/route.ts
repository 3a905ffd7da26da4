import { apiRoute } from "@/server/api-route";
import { getJob } from "@/features/jobs/server/query-jobs";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute<Context>(async (_request, { params }) => Response.json(await getJob((await params).id)));
