// Admin: revoke another person's API token.
import { apiRoute } from "@/server/api-route";
import { revokeApiToken } from "@/features/accounts/server/api-tokens";
import { getDb } from "@loraboard/db/server";
import { recordAudit } from "@/server/audit/audit-log";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(contract.DELETE, async ({ params, principal }) => {
  const token = await revokeApiToken(params.id, params.tokenId);
  const details = { ownerId: params.id, name: token.name, prefix: token.prefix };
  await recordAudit(getDb(), principal, { action: "token.revoke", targetType: "api_token", targetId: token.id, details });
  return Response.json(token);
});
