// Admin: revoke another person's API token.
import { apiRoute } from "@/server/api-route";
import { revokeApiToken } from "@/features/accounts/server/api-tokens";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string; tokenId: string }> };

export const DELETE = apiRoute<Context>(async (_request, { params }) => {
  const { id, tokenId } = await params;
  return Response.json(await revokeApiToken(id, tokenId));
});
