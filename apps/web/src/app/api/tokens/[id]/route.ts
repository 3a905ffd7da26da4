// Revoke one of the caller's own API tokens (it stops working at once; the row stays, marked).
import { apiRoute } from "@/server/api-route";
import { revokeApiToken } from "@/features/accounts/server/api-tokens";
import { accountOf } from "@/features/accounts/server/account-of";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const DELETE = apiRoute<Context>(async (_request, { params }, principal) =>
  Response.json(await revokeApiToken(accountOf(principal), (await params).id)),
);
