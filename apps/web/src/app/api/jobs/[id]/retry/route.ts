import { apiRoute } from "@/server/api-route";
import { retryJob } from "@/features/jobs/server/control-job";
import { creatorIdOf } from "@/server/audit/audit-log";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = apiRoute<Context>(async (_request, { params }, principal) =>
  Response.json(await retryJob((await params).id, creatorIdOf(principal)), { status: 201 }),
);
