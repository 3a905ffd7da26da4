// DELETE /api/base-models/:id (admin): unregister a base model no job has used.
import { apiRoute } from "@/server/api-route";
import { deleteBaseModel } from "@/features/base-models/server/register-base-model";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(contract.DELETE, async ({ params, principal }) => {
  await deleteBaseModel(params.id, principal);
  return new Response(null, { status: 204 });
});
