// Admin: change a person's role or bar them from signing in; delete an account.
import { apiRoute } from "@/server/api-route";
import { deleteUser, updateUser } from "@/features/accounts/server/users";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute(contract.PATCH, async ({ params, body }) => Response.json(await updateUser(params.id, body)));

export const DELETE = apiRoute(contract.DELETE, async ({ params }) => {
  await deleteUser(params.id);
  return new Response(null, { status: 204 });
});
