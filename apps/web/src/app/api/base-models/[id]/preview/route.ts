// POST /api/base-models/:id/preview: one rendered training example and its token count.
import { previewExample } from "@/features/jobs/server/preview-example";
import { apiRoute, readJson } from "@/server/api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const { id } = await params;
  return Response.json(await previewExample(id, await readJson(request)));
});
