// Admin: change a person's role or bar them from signing in; delete an account.
import { UpdateUserBody } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { apiRoute, readJson } from "@/server/api-route";
import { deleteUser, getUser, updateUser } from "@/features/accounts/server/users";
import { recordAudit } from "@/server/audit/audit-log";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const PATCH = apiRoute<Context>(async (request, { params }, principal) => {
  const body = UpdateUserBody.parse(await readJson(request));
  const user = await updateUser((await params).id, body);
  // What changed (keys left undefined are not stored), never the password itself.
  const details = { email: user.email, role: body.role, banned: body.banned, passwordReset: body.password === undefined ? undefined : true };
  await recordAudit(getDb(), principal!, { action: "user.update", targetType: "user", targetId: user.id, details });
  return Response.json(user);
});

export const DELETE = apiRoute<Context>(async (_request, { params }, principal) => {
  const { id } = await params;
  const { email } = await getUser(id);
  await deleteUser(id);
  await recordAudit(getDb(), principal!, { action: "user.delete", targetType: "user", targetId: id, details: { email } });
  return new Response(null, { status: 204 });
});
