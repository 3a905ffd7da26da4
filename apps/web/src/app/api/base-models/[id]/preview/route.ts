// POST /api/base-models/:id/preview: one rendered training example and its token count.
import { previewExample } from "@/features/jobs/server/preview-example";
import { apiRoute } from "@/server/api-route";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ params, body }) => Response.json(await previewExample(params.id, body)));
