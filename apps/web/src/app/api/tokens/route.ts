// The caller's own API tokens: list them, or create one (its value is in this answer only; only
// from a signed-in session, never with a token).
import { CreateApiTokenBody } from "@loraboard/contracts";
import { apiRoute, readJson } from "@/server/api-route";
import { createApiToken, listApiTokens } from "@/features/accounts/server/api-tokens";
import { accountOf, refuseTokenCaller } from "@/features/accounts/server/account-of";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (_request, _context, principal) =>
  Response.json({ items: await listApiTokens(accountOf(principal)), nextCursor: null }),
);

export const POST = apiRoute(async (request, _context, principal) => {
  refuseTokenCaller(principal);
  const body = CreateApiTokenBody.parse(await readJson(request));
  return Response.json(await createApiToken(accountOf(principal), body.name), { status: 201, headers: { "cache-control": "no-store" } });
});
