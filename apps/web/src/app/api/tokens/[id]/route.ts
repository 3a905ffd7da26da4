// Revoke one of the caller's own API tokens (it stops working at once; the row stays, marked).
import { apiRoute } from "@/server/api-route";
import { revokeApiToken } from "@/features/accounts/server/api-tokens";
import { accountOf } from "@/features/accounts/server/account-of";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(contract.DELETE, async ({ params, principal }) => Response.json(await revokeApiToken(accountOf(principal), params.id)));
