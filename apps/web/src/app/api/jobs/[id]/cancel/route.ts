import { apiRoute } from "@/server/api-route";
import { cancelJob } from "@/features/jobs/server/control-job";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = apiRoute<Context>(async (_request, { params }, principal) =>
  Response.json(await cancelJob((await params).id, principal!), { status: 202 }),
);
