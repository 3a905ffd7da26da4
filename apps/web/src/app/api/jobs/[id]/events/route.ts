import { apiRoute } from "@/server/api-route";
import { openJobEventStream } from "@/features/jobs/server/job-event-stream";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => openJobEventStream((await params).id, request));
