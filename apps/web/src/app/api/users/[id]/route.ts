// Admin: change a person's role or bar them from signing in; delete an account.
import { UpdateUserBody } from "@loraboard/contracts";
import { apiRoute, readJson } from "@/server/api-route";
import { deleteUser, updateUser } from "@/features/accounts/server/users";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const PATCH = apiRoute<Context>(async (request, { params }) =>
  Response.json(await updateUser((await params).id, UpdateUserBody.parse(await readJson(request)))),
);

export const DELETE = apiRoute<Context>(async (_request, { params }) => {
  await deleteUser((await params).id);
  return new Response(null, { status: 204 });
});
