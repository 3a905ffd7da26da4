// The delivery log of one of the caller's own webhooks.
import { apiRoute } from "@/server/api-route";
import { accountOf } from "@/features/accounts/server/account-of";
import { listDeliveries } from "@/features/webhooks/server/webhooks";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params, principal, query }) =>
  Response.json({ items: await listDeliveries(accountOf(principal), params.id, query.limit), nextCursor: null }),
);
