import { apiRoute } from "@/server/api-route";
import { retryJob } from "@/features/jobs/server/control-job";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = apiRoute<Context>(async (_request, { params }) =>
  Response.json(await retryJob((await params).id), { status: 201 }),
);
