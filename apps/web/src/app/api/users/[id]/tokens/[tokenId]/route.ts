// Admin: revoke another person's API token.
import { apiRoute } from "@/server/api-route";
import { revokeApiToken } from "@/features/accounts/server/api-tokens";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(contract.DELETE, async ({ params }) => Response.json(await revokeApiToken(params.id, params.tokenId)));
