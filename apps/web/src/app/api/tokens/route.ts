// The caller's own API tokens: list them, or create one (its value is in this answer only; only
// from a signed-in session, never with a token: contract.ts).
import { apiRoute } from "@/server/api-route";
import { createApiToken, listApiTokens } from "@/features/accounts/server/api-tokens";
import { accountOf } from "@/features/accounts/server/account-of";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ principal }) =>
  Response.json({ items: await listApiTokens(accountOf(principal)), nextCursor: null }),
);

export const POST = apiRoute(contract.POST, async ({ body, principal }) =>
  Response.json(await createApiToken(accountOf(principal), body.name), { status: 201, headers: { "cache-control": "no-store" } }),
);
