// Admin: change a person's role or bar them from signing in; delete an account.
import { apiRoute } from "@/server/api-route";
import { deleteUser, getUser, updateUser } from "@/features/accounts/server/users";
import { getDb } from "@loraboard/db/server";
import { recordAudit } from "@/server/audit/audit-log";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute(contract.PATCH, async ({ params, body, principal }) => {
  const user = await updateUser(params.id, body);
  // What changed (keys left undefined are not stored), never the password itself.
  const details = { email: user.email, role: body.role, banned: body.banned, passwordReset: body.password === undefined ? undefined : true };
  await recordAudit(getDb(), principal, { action: "user.update", targetType: "user", targetId: user.id, details });
  return Response.json(user);
});

export const DELETE = apiRoute(contract.DELETE, async ({ params, principal }) => {
  const { email } = await getUser(params.id);
  await deleteUser(params.id);
  await recordAudit(getDb(), principal, { action: "user.delete", targetType: "user", targetId: params.id, details: { email } });
  return new Response(null, { status: 204 });
});
