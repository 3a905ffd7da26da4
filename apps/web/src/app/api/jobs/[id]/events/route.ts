import { apiRoute } from "@/server/api-route";
import { openJobEventStream } from "@/features/jobs/server/job-event-stream";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

// The caller's open streams are counted and their credentials re-checked while they last.
export const GET = apiRoute(contract.GET, async ({ params, request, principal }) => openJobEventStream(params.id, request, principal));
