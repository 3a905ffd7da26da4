import { apiRoute } from "@/server/api-route";
import { openJobEventStream } from "@/features/jobs/server/job-event-stream";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params, request }) => openJobEventStream(params.id, request));
