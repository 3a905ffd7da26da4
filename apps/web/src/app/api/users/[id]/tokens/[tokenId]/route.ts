// Admin: revoke another person's API token.
import { apiRoute } from "@/server/api-route";
import { revokeApiToken } from "@/features/accounts/server/api-tokens";
import { getDb } from "@loraboard/db/server";
import { recordAudit } from "@/server/audit/audit-log";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; tokenId: string }> };

export const DELETE = apiRoute<Context>(async (_request, { params }, principal) => {
  const { id, tokenId } = await params;
  const token = await revokeApiToken(id, tokenId);
  const details = { ownerId: id, name: token.name, prefix: token.prefix };
  await recordAudit(getDb(), principal!, { action: "token.revoke", targetType: "api_token", targetId: token.id, details });
  return Response.json(token);
});
