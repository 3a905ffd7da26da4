// Revoke one of the caller's own API tokens (it stops working at once; the row stays, marked).
import { apiRoute } from "@/server/api-route";
import { revokeApiToken } from "@/features/accounts/server/api-tokens";
import { accountOf } from "@/features/accounts/server/account-of";
import { getDb } from "@loraboard/db/server";
import { recordAudit } from "@/server/audit/audit-log";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(contract.DELETE, async ({ params, principal }) => {
  const token = await revokeApiToken(accountOf(principal), params.id);
  await recordAudit(getDb(), principal, { action: "token.revoke", targetType: "api_token", targetId: token.id, details: { name: token.name, prefix: token.prefix } });
  return Response.json(token);
});
