// DELETE /api/base-models/:id (admin): unregister a base model no job has used.
import { apiRoute } from "@/server/api-route";
import { deleteBaseModel } from "@/features/base-models/server/register-base-model";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute<{ params: Promise<{ id: string }> }>(async (_request, { params }, principal) => {
  await deleteBaseModel((await params).id, principal!);
  return new Response(null, { status: 204 });
});
