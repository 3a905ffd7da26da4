import { apiRoute } from "@/server/api-route";
import { openJobEventStream } from "@/features/jobs/server/job-event-stream";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

// A member route: apiRoute has authenticated the caller, whose streams are counted and re-checked.
export const GET = apiRoute<Context>(async (request, { params }, principal) => openJobEventStream((await params).id, request, principal!));
